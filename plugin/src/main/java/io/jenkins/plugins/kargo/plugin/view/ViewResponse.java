package io.jenkins.plugins.kargo.plugin.view;

import java.net.URL;

/**
 * What the view answers a request with: a static file of the view, or a status with a JSON body.
 *
 * @param asset the class-path file to serve, or null for a JSON answer
 */
public record ViewResponse(int status, String json, URL asset) {

    static ViewResponse json(int status, String json) {
        return new ViewResponse(status, json, null);
    }

    static ViewResponse error(int status, String code, String message) {
        return json(status, "{\"error\":{\"code\":" + quote(code) + ",\"message\":" + quote(message) + "}}");
    }

    static ViewResponse asset(URL url) {
        return new ViewResponse(200, null, url);
    }

    /** A JSON string literal. */
    static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
