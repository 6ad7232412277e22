package io.jenkins.plugins.kargo.plugin.credentials;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Hides the secrets a build resolved wherever its text goes (the build log, a step's failure message, the build
 * page): each occurrence becomes {@value #MASK}, the mask Jenkins' credentials binding uses. The engine never prints
 * a secret; this is the belt to that braces, so a secret quoted back by a server or a tool cannot reach the log.
 */
public final class SecretMask {

    public static final String MASK = "****";

    /** Nothing to hide. */
    public static final SecretMask NONE = new SecretMask(Set.of());

    private final List<String> secrets;

    /** @param secrets the values to hide; values shorter than 3 characters are not hidden (they would garble text) */
    public SecretMask(Set<String> secrets) {
        TreeSet<String> longestFirst = new TreeSet<>(Comparator.comparingInt(String::length).reversed()
                .thenComparing(Comparator.naturalOrder()));
        for (String s : secrets) {
            if (s != null && s.length() >= 3) {
                longestFirst.add(s);
            }
        }
        this.secrets = List.copyOf(longestFirst);
    }

    public String apply(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }

    /** A throwable for a step to fail with: this one's message masked, no secret in its cause chain's messages. */
    public Throwable apply(Throwable t) {
        if (secrets.isEmpty() || !leaks(t)) {
            return t;
        }
        hudson.AbortException masked = new hudson.AbortException(apply(String.valueOf(t.getMessage())));
        masked.setStackTrace(t.getStackTrace());
        return masked;
    }

    private boolean leaks(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = c.getMessage();
            if (m != null && !apply(m).equals(m)) {
                return true;
            }
        }
        return false;
    }
}
