package io.jenkins.plugins.kargo.testkit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content digests as registries write them. */
final class Digests {

    private Digests() {
    }

    /** The OCI digest of these bytes, {@code sha256:<hex>}. */
    static String sha256(byte[] content) {
        return "sha256:" + hex("SHA-256", content);
    }

    static String hex(String algorithm, byte[] content) {
        return HexFormat.of().formatHex(digest(algorithm, content));
    }

    static byte[] digest(String algorithm, byte[] content) {
        try {
            return MessageDigest.getInstance(algorithm).digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
