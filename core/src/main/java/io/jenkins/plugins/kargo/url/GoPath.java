package io.jenkins.plugins.kargo.url;

/**
 * Go's {@code path.Join} and {@code path.Clean} (slash-separated, purely lexical). Kargo joins a chart's normalised
 * repository URL and its name with {@code path.Join}, which also cleans {@code https://x} into {@code https:/x};
 * the Freight ID depends on that exact text, and {@link java.nio.file.Path#normalize()} differs from it.
 */
public final class GoPath {

    private GoPath() {
    }

    /** {@code path.Join}: the non-empty elements joined with {@code /} and cleaned; empty when all are empty. */
    public static String join(String... elements) {
        for (int i = 0; i < elements.length; i++) {
            if (!elements[i].isEmpty()) {
                StringBuilder joined = new StringBuilder(elements[i]);
                for (int j = i + 1; j < elements.length; j++) {
                    joined.append('/').append(elements[j]);
                }
                return clean(joined.toString());
            }
        }
        return "";
    }

    /** {@code path.Clean}: collapses repeated slashes, removes {@code .} and resolves {@code ..} lexically. */
    public static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.charAt(0) == '/';
        int n = path.length();
        StringBuilder out = new StringBuilder(n);
        int r = 0;
        int dotdot = 0;
        if (rooted) {
            out.append('/');
            r = 1;
            dotdot = 1;
        }
        while (r < n) {
            if (path.charAt(r) == '/') {
                r++;
            } else if (path.charAt(r) == '.' && (r + 1 == n || path.charAt(r + 1) == '/')) {
                r++;
            } else if (path.charAt(r) == '.' && path.charAt(r + 1) == '.' && (r + 2 == n || path.charAt(r + 2) == '/')) {
                r += 2;
                if (out.length() > dotdot) {
                    int w = out.length() - 1;
                    while (w > dotdot && out.charAt(w) != '/') {
                        w--;
                    }
                    out.setLength(w);
                } else if (!rooted) {
                    if (out.length() > 0) {
                        out.append('/');
                    }
                    out.append("..");
                    dotdot = out.length();
                }
            } else {
                if (rooted && out.length() != 1 || !rooted && out.length() != 0) {
                    out.append('/');
                }
                while (r < n && path.charAt(r) != '/') {
                    out.append(path.charAt(r++));
                }
            }
        }
        return out.length() == 0 ? "." : out.toString();
    }
}
