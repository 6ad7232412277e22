package io.jenkins.plugins.kargo.discovery.http;

import io.jenkins.plugins.kargo.net.CredentialScheme;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Which scheme a registry is spoken to with. As Docker does by default, plain HTTP is used only for loopback hosts
 * ({@code localhost}, {@code 127.0.0.0/8}, {@code [::1]}); a subscription marked {@code insecureSkipTLSVerify} may
 * also use it. Everything else is HTTPS. Where credentials may go is {@link CredentialScheme}'s rule.
 */
public final class SchemePolicy {

    private SchemePolicy() {
    }

    /**
     * The base URI ({@code scheme://host[:port]}, no path) of a registry.
     *
     * @param repoURL  a repository reference or URL: {@code host[:port]/path}, {@code oci://host/path},
     *                 {@code https://host/path} or {@code http://host/path}; only scheme and authority are used
     * @param insecure the subscription's {@code insecureSkipTLSVerify}
     * @throws IllegalArgumentException when the URL asks for plain HTTP to a non-loopback host without
     *                                  {@code insecure}, or has no host
     */
    public static URI baseUri(String repoURL, boolean insecure) {
        String rest = repoURL.trim();
        String explicitScheme = null;
        int sep = rest.indexOf("://");
        if (sep > 0) {
            explicitScheme = rest.substring(0, sep).toLowerCase(Locale.ROOT);
            rest = rest.substring(sep + 3);
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        if (authority.isEmpty()) {
            throw new IllegalArgumentException("repository URL '" + repoURL + "' names no registry host");
        }
        URI probe = uri("http", authority, repoURL);
        boolean loopback = CredentialScheme.isLoopback(probe.getHost());
        String scheme;
        if ("http".equals(explicitScheme)) {
            if (!loopback && !insecure) {
                throw new IllegalArgumentException("repository URL '" + repoURL + "' asks for plain HTTP to "
                        + probe.getHost() + ", which is not on loopback; use https:// or set insecureSkipTLSVerify");
            }
            scheme = "http";
        } else if ("https".equals(explicitScheme)) {
            scheme = "https";
        } else {
            // oci:// and bare references: like Docker, plain HTTP to loopback, HTTPS everywhere else unless insecure
            scheme = loopback || insecure ? "http" : "https";
        }
        return uri(scheme, authority, repoURL);
    }

    /**
     * The URI of a repository served over HTTP with a path, such as an npm registry or a classic Helm repository
     * ({@code https://host/artifactory/api/npm/npm-remote}): {@link #baseUri} followed by the URL's path, without a
     * trailing slash, so that {@code "/index.yaml"} or {@code "/@scope%2fname"} can be appended.
     *
     * @throws IllegalArgumentException as {@link #baseUri}, or when the path is not a valid URI path
     */
    public static URI repositoryUri(String repoURL, boolean insecure) {
        URI base = baseUri(repoURL, insecure);
        String rest = repoURL.strip();
        int sep = rest.indexOf("://");
        rest = sep > 0 ? rest.substring(sep + 3) : rest;
        int slash = rest.indexOf('/');
        String path = slash < 0 ? "" : rest.substring(slash).replaceAll("/+$", "");
        try {
            return new URI(base + path);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("repository URL '" + repoURL + "' has an invalid path '" + path + "'", e);
        }
    }

    private static URI uri(String scheme, String authority, String repoURL) {
        try {
            URI uri = new URI(scheme + "://" + authority);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("repository URL '" + repoURL + "' has an invalid host '" + authority + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("repository URL '" + repoURL + "' has an invalid host '" + authority + "'", e);
        }
    }
}
