package io.jenkins.plugins.kargo.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * A token server for docker-registry's {@code auth: token:} mode, as the Docker Registry v2 Bearer token
 * specification describes it: {@code GET /token?service=S&scope=repository:NAME:pull,push} answers
 * {@code {"token": JWT, "access_token": JWT, "expires_in", "issued_at"}}. The JWT is signed RS256 with a key whose
 * certificate travels in the {@code x5c} header and is the registry's {@code rootcertbundle}; its claims are
 * {@code iss}, {@code sub}, {@code aud} (the service), {@code exp}, {@code nbf}, {@code iat}, {@code jti} and
 * {@code access: [{type, name, actions}]}.
 *
 * <p>Access policy: the one user (Basic credentials) gets every action it asks for; an anonymous client gets a
 * token with empty access, as Docker Hub does for a private repository, so the registry then refuses it with
 * {@code insufficient_scope}; wrong credentials get {@code 401}.
 *
 * <p>{@code ci/services.sh} runs it with
 * {@code java -cp ... RegistryTokenServer PORT ISSUER SERVICE KEY.pem CERT.pem USER}, the password in the
 * environment variable {@code KARGO_TOKEN_SERVER_PASSWORD} (not on the command line, where {@code ps} shows it).
 */
public final class RegistryTokenServer implements AutoCloseable {

    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(5);

    private final HttpServer server;
    private final String issuer;
    private final String service;
    private final PrivateKey key;
    private final X509Certificate certificate;
    private final String basicAuthorization;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    private RegistryTokenServer(int port, String issuer, String service, PrivateKey key, X509Certificate certificate,
                                String user, String password, Clock clock) throws IOException {
        this.issuer = issuer;
        this.service = service;
        this.key = key;
        this.certificate = certificate;
        this.basicAuthorization = "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/token", this::handle);
        server.start();
    }

    /**
     * Starts a token server on {@code port} (0 for a free one).
     *
     * @param keyPem  PKCS#8 PEM private key ({@code openssl genpkey -algorithm RSA})
     * @param certPem the PEM certificate of that key, which the registry trusts as its {@code rootcertbundle}
     */
    public static RegistryTokenServer start(int port, String issuer, String service, Path keyPem, Path certPem,
                                            String user, String password) {
        try {
            return new RegistryTokenServer(port, issuer, service, readKey(keyPem), readCertificate(certPem), user,
                    password, Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the token server on port " + port, e);
        }
    }

    public static void main(String[] args) {
        if (args.length != 6 || System.getenv("KARGO_TOKEN_SERVER_PASSWORD") == null) {
            System.err.println("usage: KARGO_TOKEN_SERVER_PASSWORD=... java " + RegistryTokenServer.class.getName()
                    + " PORT ISSUER SERVICE KEY.pem CERT.pem USER");
            System.exit(2);
        }
        RegistryTokenServer server = start(Integer.parseInt(args[0]), args[1], args[2], Path.of(args[3]),
                Path.of(args[4]), args[5], System.getenv("KARGO_TOKEN_SERVER_PASSWORD"));
        System.out.println("token server for " + args[2] + " listening on " + server.realm());
    }

    /** The URL registries name as {@code realm} in their challenge. */
    public String realm() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort()
                + "/token";
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                send(exchange, 405, Map.of("details", "use GET /token?service=...&scope=..."));
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            boolean authenticated = basicAuthorization.equals(authorization);
            if (authorization != null && !authenticated) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"" + realm() + "\"");
                send(exchange, 401, Map.of("details", "incorrect username or password"));
                return;
            }
            Map<String, List<String>> query = parseQuery(exchange.getRequestURI().getRawQuery());
            String requestedService = query.getOrDefault("service", List.of(service)).get(0);
            if (!requestedService.equals(service)) {
                send(exchange, 400, Map.of("details", "this server issues tokens for service '" + service
                        + "', not '" + requestedService + "'"));
                return;
            }
            List<Map<String, Object>> access = new ArrayList<>();
            if (authenticated) {
                for (String scopes : query.getOrDefault("scope", List.of())) {
                    for (String scope : scopes.split(" ")) {
                        access.add(grant(scope));
                    }
                }
            }
            String subject = authenticated ? authorizedUser(authorization) : "";
            Instant now = clock.instant();
            Map<String, Object> body = new LinkedHashMap<>();
            String token = sign(subject, access, now);
            body.put("token", token);
            body.put("access_token", token);
            body.put("expires_in", TOKEN_LIFETIME.toSeconds());
            body.put("issued_at", now.toString());
            send(exchange, 200, body);
        } catch (RuntimeException e) {
            send(exchange, 400, Map.of("details", String.valueOf(e.getMessage())));
        }
    }

    /** {@code repository:services/api:pull,push} to {@code {type, name, actions}}; the name may hold colons. */
    private static Map<String, Object> grant(String scope) {
        int first = scope.indexOf(':');
        int last = scope.lastIndexOf(':');
        if (first < 0 || first == last) {
            throw new IllegalArgumentException("scope '" + scope + "' is not TYPE:NAME:ACTIONS");
        }
        Map<String, Object> grant = new LinkedHashMap<>();
        grant.put("type", scope.substring(0, first));
        grant.put("name", scope.substring(first + 1, last));
        grant.put("actions", List.of(scope.substring(last + 1).split(",")));
        return grant;
    }

    private String sign(String subject, List<Map<String, Object>> access, Instant now) {
        try {
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .type(JOSEObjectType.JWT)
                    .x509CertChain(List.of(Base64.encode(certificate.getEncoded())))
                    .build();
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(issuer)
                    .subject(subject)
                    .audience(service) // one audience is written as a string, which docker-registry 2.8 requires
                    .expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
                    .notBeforeTime(Date.from(now))
                    .issueTime(Date.from(now))
                    .jwtID(UUID.randomUUID().toString())
                    .claim("access", access)
                    .build();
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token with the configured key", e);
        }
    }

    private static String authorizedUser(String basicAuthorization) {
        String decoded = new String(java.util.Base64.getDecoder().decode(basicAuthorization.substring("Basic ".length())),
                StandardCharsets.UTF_8);
        return decoded.substring(0, decoded.indexOf(':'));
    }

    private void send(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        return values;
    }

    private static PrivateKey readKey(Path pem) throws IOException {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pemBody(pem, "PRIVATE KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(pem + " is not a PKCS#8 RSA key (make one with"
                    + " `openssl genpkey -algorithm RSA`)", e);
        }
    }

    private static X509Certificate readCertificate(Path pem) throws IOException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(pem + " is not a PEM X.509 certificate", e);
        }
    }

    private static byte[] pemBody(Path pem, String type) throws IOException {
        String text = Files.readString(pem);
        String begin = "-----BEGIN " + type + "-----";
        int start = text.indexOf(begin);
        int end = text.indexOf("-----END " + type + "-----");
        if (start < 0 || end < 0) {
            throw new IllegalArgumentException(pem + " holds no '" + begin + "' block");
        }
        return java.util.Base64.getMimeDecoder().decode(text.substring(start + begin.length(), end));
    }

    @Override
    public String toString() {
        return "RegistryTokenServer[" + realm() + " for " + service + "]";
    }
}
