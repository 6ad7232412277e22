package io.jenkins.plugins.kargo.url;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kargo's canonical forms of repository URLs ({@code pkg/urls}): used in Freight IDs and wherever two spellings of
 * one repository must compare equal. Each function returns its input unchanged when it cannot normalise it, as
 * Kargo's do.
 */
public final class RepoUrls {

    /** Kargo's (deprecated) SCP-style git address {@code [user@]host[:path]}. */
    private static final Pattern SCP_SYNTAX = Pattern.compile("((?:[\\w-]+@)?[\\w-]+(?:\\.[\\w-]+)*)(?::(.*))?");

    private RepoUrls() {
    }

    /**
     * {@code SanitizeURL}: drops every rune Go does not consider printable (control and format characters such as
     * a byte order mark or zero-width space, and all spaces but the ASCII one), then trims spaces at both ends.
     */
    public static String sanitize(String url) {
        StringBuilder out = new StringBuilder(url.length());
        url.codePoints().filter(RepoUrls::isGoPrintable).forEach(out::appendCodePoint);
        return out.toString().strip();
    }

    /**
     * {@code NormalizeImage}: lower case; Docker Hub's {@code docker.io}, {@code index.docker.io} and
     * {@code registry-1.docker.io} hosts and its {@code library/} prefix dropped ({@code docker.io/library/busybox}
     * becomes {@code busybox}); other registries kept as {@code host/repository}.
     */
    public static String normalizeImage(String repoURL) {
        String lower = sanitize(goLowerCase(repoURL));
        Optional<ImageReference> parsed = ImageReference.parse(lower);
        if (parsed.isEmpty()) {
            return repoURL;
        }
        ImageReference ref = parsed.get();
        if (ref.registry().equals(ImageReference.DOCKER_HUB) || ref.registry().equals("registry-1.docker.io")) {
            String path = ref.repositoryPath();
            return path.startsWith("library/") ? path.substring("library/".length()) : path;
        }
        return ref.registry() + "/" + ref.repositoryPath();
    }

    /** {@code NormalizeChart}: lower case, {@code oci://} dropped, then {@link #normalizeImage}. */
    public static String normalizeChart(String repoURL) {
        String sanitized = sanitize(repoURL);
        if (GoUrl.parse(sanitized).isEmpty()) {
            return repoURL;
        }
        String lower = goLowerCase(sanitized);
        return normalizeImage(lower.startsWith("oci://") ? lower.substring("oci://".length()) : lower);
    }

    /**
     * {@code NormalizeGit}: lower case; for http(s) the credentials, a trailing {@code /} and {@code .git} dropped;
     * for {@code ssh://} and SCP-style {@code [user@]host:path} an {@code ssh://[user@]host/path} form. URLs with
     * query parameters are returned unchanged.
     */
    public static String normalizeGit(String repoURL) {
        String repo = sanitize(goLowerCase(repoURL));
        if (repo.startsWith("http://") || repo.startsWith("https://") || repo.startsWith("ssh://")) {
            Optional<GoUrl> parsed = GoUrl.parse(repo);
            if (parsed.isEmpty() || parsed.get().hasQueryParameters()) {
                return repoURL;
            }
            GoUrl url = repo.startsWith("ssh://") ? parsed.get() : parsed.get().withoutUser();
            return url.withPath(trimRepoSuffix(url.path())).toString();
        }
        Matcher scp = SCP_SYNTAX.matcher(repo);
        if (!scp.matches()) {
            return repoURL;
        }
        String userHost = scp.group(1);
        Optional<GoUrl> pathUrl = GoUrl.parse(scp.group(2) == null ? "" : scp.group(2));
        if (pathUrl.isEmpty()) {
            return repoURL;
        }
        GoUrl path = pathUrl.get().withPath(trimRepoSuffix(pathUrl.get().path()));
        return path.path().isEmpty() ? "ssh://" + userHost : "ssh://" + userHost + "/" + path;
    }

    private static String trimRepoSuffix(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.endsWith(".git") ? trimmed.substring(0, trimmed.length() - ".git".length()) : trimmed;
    }

    /** Go's {@code strings.ToLower}: rune by rune, without Java's locale and context rules. */
    private static String goLowerCase(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().map(Character::toLowerCase).forEach(out::appendCodePoint);
        return out.toString();
    }

    /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    private static boolean isGoPrintable(int codePoint) {
        if (codePoint == ' ') {
            return true;
        }
        switch (Character.getType(codePoint)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER,
                    Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                    Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER,
                    Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION,
                    Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL,
                    Character.OTHER_SYMBOL:
                return true;
            default:
                return false;
        }
    }
}
