package io.jenkins.plugins.kargo.cli.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The people who may write through {@code kargo serve}, each named by a secret token sent as
 * {@code Authorization: Bearer TOKEN}. Only the tokens' SHA-256 digests are kept, so neither a heap dump nor a
 * {@code toString()} shows a token.
 */
public final class Tokens {

    /** Shorter tokens could be guessed. */
    static final int MIN_LENGTH = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> userByDigest;

    private Tokens(Map<String, String> userByDigest) {
        this.userByDigest = Map.copyOf(userByDigest);
    }

    /** A token made now for one user, and the {@link Tokens} that accept it. */
    public record Generated(Tokens tokens, String user, String token) {
        @Override
        public String toString() {
            return "Generated[user=" + user + ", token=****]";
        }
    }

    public static Generated generate(String user) {
        String token = random(32);
        return new Generated(new Tokens(Map.of(digest(token), user)), user, token);
    }

    /**
     * Reads a YAML mapping of user to token ({@code alice: 3f9c...}), one line each.
     *
     * @throws IllegalArgumentException naming the file and the entry, when it is not such a mapping, a token is
     *                                  shorter than {@value #MIN_LENGTH} characters or two users share one
     */
    public static Tokens read(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            if (Files.exists(file)) {
                throw new IllegalArgumentException(file + ": not YAML (" + e.getMessage().lines().findFirst().orElse("")
                        + "). Fix: write one `user: token` line per person");
            }
            throw e;
        }
        if (root == null || !root.isObject() || root.isEmpty()) {
            throw new IllegalArgumentException(file + ": expected a mapping of user to token, such as "
                    + "`alice: <token>`. Fix: write one `user: token` line per person");
        }
        Map<String, String> users = new LinkedHashMap<>();
        for (var entry : root.properties()) {
            String user = entry.getKey();
            JsonNode value = entry.getValue();
            if (!value.isTextual() || value.asText().trim().length() < MIN_LENGTH) {
                throw new IllegalArgumentException(file + ": the token of " + user + " must be text of at least "
                        + MIN_LENGTH + " characters. Fix: make one with `openssl rand -hex 32`");
            }
            String previous = users.put(digest(value.asText().trim()), user);
            if (previous != null) {
                throw new IllegalArgumentException(file + ": " + previous + " and " + user
                        + " have the same token. Fix: give each person a token of their own");
            }
        }
        return new Tokens(users);
    }

    /** The user a presented token names. */
    public Optional<String> user(String token) {
        return Optional.ofNullable(userByDigest.get(digest(token.trim())));
    }

    /** The users, for the start-up message. */
    public List<String> users() {
        return userByDigest.values().stream().sorted().toList();
    }

    /** A random URL-safe string of {@code bytes} random bytes. */
    static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "Tokens" + users();
    }
}
