package io.jenkins.plugins.kargo.url;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A URL as Go 1.26's {@code net/url} parses ({@code url.Parse}) and prints ({@code URL.String}) it. Kargo's URL
 * normalisers ({@code pkg/urls}) and go-containerregistry's registry check are written in terms of these two
 * functions, so which repository URLs they accept, and how they print them, decides Freight IDs;
 * {@link java.net.URI} accepts and prints differently. Hosts follow Go 1.26's strict colons (the first colon
 * starts the port); bracketed IPv6 literals are checked for their characters only, not as strictly as Go's
 * {@code netip.ParseAddr}.
 *
 * <p>Go strings are bytes: internally every field holds one char per UTF-8 byte (ISO-8859-1 round trip), so the
 * byte-oriented rules carry over unchanged.
 */
final class GoUrl {

    private enum Mode { PATH, HOST, ZONE, USER_PASSWORD, QUERY_COMPONENT, FRAGMENT }

    /** Thrown inside the parser; {@link #parse} turns it into an empty result, as Go returns an error. */
    private static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid() {
            super(null, null, false, false);
        }
    }

    private final String scheme;
    private final String opaque;
    private final String username; // null: no userinfo
    private final String password; // null: no password set
    private final String host;
    private final String path;
    private final String rawPath;
    private final boolean omitHost;
    private final boolean forceQuery;
    private final String rawQuery;
    private final String fragment;
    private final String rawFragment;

    private GoUrl(String scheme, String opaque, String username, String password, String host, String path,
                  String rawPath, boolean omitHost, boolean forceQuery, String rawQuery, String fragment,
                  String rawFragment) {
        this.scheme = scheme;
        this.opaque = opaque;
        this.username = username;
        this.password = password;
        this.host = host;
        this.path = path;
        this.rawPath = rawPath;
        this.omitHost = omitHost;
        this.forceQuery = forceQuery;
        this.rawQuery = rawQuery;
        this.fragment = fragment;
        this.rawFragment = rawFragment;
    }

    /** {@code url.Parse}: empty where Go returns an error. */
    static Optional<GoUrl> parse(String url) {
        String raw = toBytes(url);
        int hash = raw.indexOf('#');
        String withoutFragment = hash < 0 ? raw : raw.substring(0, hash);
        String rawFrag = hash < 0 ? "" : raw.substring(hash + 1);
        try {
            GoUrl parsed = parseWithoutFragment(withoutFragment);
            if (rawFrag.isEmpty()) {
                return Optional.of(parsed);
            }
            String frag = unescape(rawFrag, Mode.FRAGMENT);
            String hint = escape(frag, Mode.FRAGMENT).equals(rawFrag) ? "" : rawFrag;
            return Optional.of(new GoUrl(parsed.scheme, parsed.opaque, parsed.username, parsed.password, parsed.host,
                    parsed.path, parsed.rawPath, parsed.omitHost, parsed.forceQuery, parsed.rawQuery, frag, hint));
        } catch (Invalid e) {
            return Optional.empty();
        }
    }

    /** {@code URL.Host}: host or host:port. */
    String host() {
        return fromBytes(host);
    }

    /** {@code URL.Path}, decoded. */
    String path() {
        return fromBytes(path);
    }

    /** A copy with {@code URL.Path} replaced (as Go code assigning the field does; RawPath stays as a hint). */
    GoUrl withPath(String newPath) {
        return new GoUrl(scheme, opaque, username, password, host, toBytes(newPath), rawPath, omitHost, forceQuery,
                rawQuery, fragment, rawFragment);
    }

    /** A copy with {@code URL.User = nil}. */
    GoUrl withoutUser() {
        return new GoUrl(scheme, opaque, null, null, host, path, rawPath, omitHost, forceQuery, rawQuery, fragment,
                rawFragment);
    }

    /** {@code len(u.Query()) > 0}: the query has at least one parameter that {@code url.ParseQuery} keeps. */
    boolean hasQueryParameters() {
        for (String part : rawQuery.split("&", -1)) {
            if (part.isEmpty() || part.contains(";")) {
                continue;
            }
            int eq = part.indexOf('=');
            try {
                unescape(eq < 0 ? part : part.substring(0, eq), Mode.QUERY_COMPONENT);
                unescape(eq < 0 ? "" : part.substring(eq + 1), Mode.QUERY_COMPONENT);
                return true;
            } catch (Invalid e) {
                // Go skips a parameter with a bad escape
            }
        }
        return false;
    }

    /** {@code URL.String}. */
    @Override
    public String toString() {
        StringBuilder buf = new StringBuilder();
        if (!scheme.isEmpty()) {
            buf.append(scheme).append(':');
        }
        if (!opaque.isEmpty()) {
            buf.append(opaque);
        } else {
            if (!scheme.isEmpty() || !host.isEmpty() || username != null) {
                if (!(omitHost && host.isEmpty() && username == null)) {
                    if (!host.isEmpty() || !path.isEmpty() || username != null) {
                        buf.append("//");
                    }
                    if (username != null) {
                        buf.append(escape(username, Mode.USER_PASSWORD));
                        if (password != null) {
                            buf.append(':').append(escape(password, Mode.USER_PASSWORD));
                        }
                        buf.append('@');
                    }
                    if (!host.isEmpty()) {
                        buf.append(escape(host, Mode.HOST));
                    }
                }
            }
            String escapedPath = escapedPath();
            if (!escapedPath.isEmpty() && escapedPath.charAt(0) != '/' && !host.isEmpty()) {
                buf.append('/');
            }
            if (buf.length() == 0) {
                int slash = escapedPath.indexOf('/');
                String segment = slash < 0 ? escapedPath : escapedPath.substring(0, slash);
                if (segment.contains(":")) {
                    buf.append("./");
                }
            }
            buf.append(escapedPath);
        }
        if (forceQuery || !rawQuery.isEmpty()) {
            buf.append('?').append(rawQuery);
        }
        if (!fragment.isEmpty()) {
            buf.append('#').append(escapedFragment());
        }
        return fromBytes(buf.toString());
    }

    private String escapedPath() {
        if (!rawPath.isEmpty() && validEncoded(rawPath, Mode.PATH)) {
            try {
                if (unescape(rawPath, Mode.PATH).equals(path)) {
                    return rawPath;
                }
            } catch (Invalid e) {
                // fall through to the default encoding, as Go does
            }
        }
        if (path.equals("*")) {
            return "*";
        }
        return escape(path, Mode.PATH);
    }

    private String escapedFragment() {
        if (!rawFragment.isEmpty() && validEncoded(rawFragment, Mode.FRAGMENT)) {
            try {
                if (unescape(rawFragment, Mode.FRAGMENT).equals(fragment)) {
                    return rawFragment;
                }
            } catch (Invalid e) {
                // fall through to the default encoding, as Go does
            }
        }
        return escape(fragment, Mode.FRAGMENT);
    }

    private static GoUrl parseWithoutFragment(String raw) throws Invalid {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < ' ' || c == 0x7f) {
                throw new Invalid();
            }
        }
        if (raw.equals("*")) {
            return new GoUrl("", "", null, null, "", "*", "", false, false, "", "", "");
        }
        String scheme = "";
        String rest = raw;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                continue;
            }
            if (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
                if (i == 0) {
                    break;
                }
                continue;
            }
            if (c == ':') {
                if (i == 0) {
                    throw new Invalid(); // missing protocol scheme
                }
                scheme = raw.substring(0, i).toLowerCase(Locale.ROOT);
                rest = raw.substring(i + 1);
            }
            break;
        }
        boolean forceQuery = false;
        String rawQuery = "";
        if (rest.endsWith("?") && rest.indexOf('?') == rest.length() - 1) {
            forceQuery = true;
            rest = rest.substring(0, rest.length() - 1);
        } else {
            int q = rest.indexOf('?');
            if (q >= 0) {
                rawQuery = rest.substring(q + 1);
                rest = rest.substring(0, q);
            }
        }
        if (!rest.startsWith("/")) {
            if (!scheme.isEmpty()) {
                return new GoUrl(scheme, rest, null, null, "", "", "", false, forceQuery, rawQuery, "", "");
            }
            int slash = rest.indexOf('/');
            if ((slash < 0 ? rest : rest.substring(0, slash)).contains(":")) {
                throw new Invalid(); // first path segment in URL cannot contain colon
            }
        }
        String username = null;
        String password = null;
        String host = "";
        boolean omitHost = false;
        if ((!scheme.isEmpty() || !rest.startsWith("///")) && rest.startsWith("//")) {
            String authority = rest.substring(2);
            rest = "";
            int slash = authority.indexOf('/');
            if (slash >= 0) {
                rest = authority.substring(slash);
                authority = authority.substring(0, slash);
            }
            int at = authority.lastIndexOf('@');
            host = parseHost(at < 0 ? authority : authority.substring(at + 1));
            if (at >= 0) {
                String userinfo = authority.substring(0, at);
                if (!validUserinfo(userinfo)) {
                    throw new Invalid();
                }
                int colon = userinfo.indexOf(':');
                username = unescape(colon < 0 ? userinfo : userinfo.substring(0, colon), Mode.USER_PASSWORD);
                password = colon < 0 ? null : unescape(userinfo.substring(colon + 1), Mode.USER_PASSWORD);
            }
        } else if (!scheme.isEmpty() && rest.startsWith("/")) {
            omitHost = true;
        }
        String path = unescape(rest, Mode.PATH);
        String rawPath = escape(path, Mode.PATH).equals(rest) ? "" : rest;
        return new GoUrl(scheme, "", username, password, host, path, rawPath, omitHost, forceQuery, rawQuery, "", "");
    }

    private static String parseHost(String host) throws Invalid {
        int bracket = host.lastIndexOf('[');
        if (bracket > 0) {
            throw new Invalid(); // invalid IP-literal
        }
        if (bracket == 0) {
            int close = host.lastIndexOf(']');
            if (close < 0 || !validOptionalPort(host.substring(close + 1))) {
                throw new Invalid();
            }
            String literal = host.substring(1, close);
            int zone = literal.indexOf("%25");
            String address = zone < 0 ? literal : literal.substring(0, zone);
            if (!address.contains(":") || !address.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                throw new Invalid();
            }
            String unescaped = zone < 0 ? unescape(literal, Mode.HOST)
                    : unescape(literal.substring(0, zone), Mode.HOST) + unescape(literal.substring(zone), Mode.ZONE);
            return "[" + unescaped + "]" + host.substring(close + 1);
        }
        int colon = host.indexOf(':');
        if (colon >= 0 && !validOptionalPort(host.substring(colon))) {
            throw new Invalid();
        }
        return unescape(host, Mode.HOST);
    }

    private static boolean validOptionalPort(String port) {
        if (port.isEmpty()) {
            return true;
        }
        return port.charAt(0) == ':' && port.substring(1).chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean validUserinfo(String userinfo) {
        return userinfo.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || "-._:~!$&'()*+,;=%@".indexOf(c) >= 0);
    }

    private static boolean validEncoded(String s, Mode mode) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("!$&'()*+,;=:@[]".indexOf(c) >= 0 || c == '%') {
                continue;
            }
            if (shouldEscape(c, mode)) {
                return false;
            }
        }
        return true;
    }

    private static boolean shouldEscape(char c, Mode mode) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return false;
        }
        if ((mode == Mode.HOST || mode == Mode.ZONE) && "!$&'()*+,;=:[]<>\"".indexOf(c) >= 0) {
            return false;
        }
        if ("-_.~".indexOf(c) >= 0) {
            return false;
        }
        if ("$&+,/:;=?@".indexOf(c) >= 0) {
            switch (mode) {
                case PATH:
                    return c == '?';
                case USER_PASSWORD:
                    return c == '@' || c == '/' || c == '?' || c == ':';
                case QUERY_COMPONENT:
                    return true;
                case FRAGMENT:
                    return false;
                default:
                    break;
            }
        }
        return !(mode == Mode.FRAGMENT && "!()*".indexOf(c) >= 0);
    }

    private static String unescape(String s, Mode mode) throws Invalid {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || Character.digit(s.charAt(i + 1), 16) < 0
                        || Character.digit(s.charAt(i + 2), 16) < 0) {
                    throw new Invalid();
                }
                int value = Character.digit(s.charAt(i + 1), 16) << 4 | Character.digit(s.charAt(i + 2), 16);
                boolean percent = s.startsWith("%25", i);
                // in a host, %-encoding is only for non-ASCII bytes (and %25 in an IPv6 zone)
                if (mode == Mode.HOST && value < 0x80 && !percent) {
                    throw new Invalid();
                }
                if (mode == Mode.ZONE && !percent && value != ' ' && shouldEscape((char) value, Mode.HOST)) {
                    throw new Invalid();
                }
                out.append((char) value);
                i += 3;
            } else {
                if ((mode == Mode.HOST || mode == Mode.ZONE) && c < 0x80 && shouldEscape(c, mode)) {
                    throw new Invalid(); // invalid character in host name
                }
                out.append(mode == Mode.QUERY_COMPONENT && c == '+' ? ' ' : c);
                i++;
            }
        }
        return out.toString();
    }

    private static String escape(String s, Mode mode) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' && mode == Mode.QUERY_COMPONENT) {
                out.append('+');
            } else if (shouldEscape(c, mode)) {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String toBytes(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static String fromBytes(String s) {
        return new String(s.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
}
