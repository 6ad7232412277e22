package io.jenkins.plugins.kargo.discovery.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 9110 §11.6.1), such as
 * {@code Bearer realm="https://auth.example.com/token",service="registry",scope="repository:app:pull"}.
 *
 * @param scheme the auth scheme, lower case ({@code bearer}, {@code basic})
 * @param params auth-params with lower-case names
 */
public record AuthChallenge(String scheme, Map<String, String> params) {

    public AuthChallenge {
        scheme = scheme.toLowerCase(Locale.ROOT);
        params = Map.copyOf(params);
    }

    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name.toLowerCase(Locale.ROOT)));
    }

    /** All challenges in the {@code WWW-Authenticate} values of a response, in order. */
    public static List<AuthChallenge> of(RegistryResponse response) {
        List<AuthChallenge> challenges = new ArrayList<>();
        for (String value : response.headers().allValues("WWW-Authenticate")) {
            challenges.addAll(parse(value));
        }
        return challenges;
    }

    /** Parses one header value, which may hold several challenges; malformed trailing text is ignored. */
    public static List<AuthChallenge> parse(String headerValue) {
        List<AuthChallenge> challenges = new ArrayList<>();
        Cursor c = new Cursor(headerValue);
        String scheme = null;
        Map<String, String> params = new LinkedHashMap<>();
        while (c.skipSeparators()) {
            String token = c.token();
            if (token.isEmpty()) {
                break;
            }
            c.skipSpaces();
            if (c.peek() == '=' && scheme != null) {
                c.next();
                c.skipSpaces();
                params.put(token.toLowerCase(Locale.ROOT), c.peek() == '"' ? c.quoted() : c.token());
            } else {
                if (scheme != null) {
                    challenges.add(new AuthChallenge(scheme, params));
                    params = new LinkedHashMap<>();
                }
                scheme = token;
            }
        }
        if (scheme != null) {
            challenges.add(new AuthChallenge(scheme, params));
        }
        return challenges;
    }

    private static final class Cursor {
        private final String s;
        private int i;

        Cursor(String s) {
            this.s = s;
        }

        char peek() {
            return i < s.length() ? s.charAt(i) : '\0';
        }

        void next() {
            i++;
        }

        void skipSpaces() {
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
        }

        boolean skipSeparators() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == ',')) {
                i++;
            }
            return i < s.length();
        }

        String token() {
            int start = i;
            while (i < s.length() && " ,=\"".indexOf(s.charAt(i)) < 0) {
                i++;
            }
            return s.substring(start, i);
        }

        String quoted() {
            StringBuilder out = new StringBuilder();
            i++; // opening quote
            while (i < s.length() && s.charAt(i) != '"') {
                if (s.charAt(i) == '\\' && i + 1 < s.length()) {
                    i++;
                }
                out.append(s.charAt(i++));
            }
            i++; // closing quote
            return out.toString();
        }
    }
}
