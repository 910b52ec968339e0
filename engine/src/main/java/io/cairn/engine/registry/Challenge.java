package io.cairn.engine.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code WWW-Authenticate} challenge (RFC 7235): a scheme ({@code basic}, {@code bearer}, lower
 * case) and its parameters ({@code realm}, {@code service}, {@code scope}, {@code error}), keys lower
 * case, quoted values unescaped.
 */
record Challenge(String scheme, Map<String, String> params) {

    String param(String name) {
        return params.getOrDefault(name, "");
    }

    /** The first challenge of the headers whose scheme Cairn speaks: bearer before basic. */
    static Optional<Challenge> pick(List<String> headers) {
        Challenge basic = null;
        for (String header : headers) {
            for (Challenge c : parse(header)) {
                if (c.scheme.equals("bearer")) {
                    return Optional.of(c);
                }
                if (c.scheme.equals("basic") && basic == null) {
                    basic = c;
                }
            }
        }
        return Optional.ofNullable(basic);
    }

    /** Every challenge of one header value (several may be comma-separated). */
    static List<Challenge> parse(String header) {
        List<Challenge> out = new java.util.ArrayList<>();
        int i = 0;
        int n = header.length();
        while (i < n) {
            while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == ',')) {
                i++;
            }
            int start = i;
            while (i < n && header.charAt(i) != ' ' && header.charAt(i) != ',') {
                i++;
            }
            if (start == i) {
                break;
            }
            String scheme = header.substring(start, i).toLowerCase(Locale.ROOT);
            Map<String, String> params = new LinkedHashMap<>();
            while (i < n) {
                int save = i;
                while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == ',')) {
                    i++;
                }
                int keyStart = i;
                while (i < n && header.charAt(i) != '=' && header.charAt(i) != ' ' && header.charAt(i) != ',') {
                    i++;
                }
                if (i >= n || header.charAt(i) != '=') {
                    i = save; // the next challenge's scheme
                    break;
                }
                String key = header.substring(keyStart, i).toLowerCase(Locale.ROOT);
                i++;
                StringBuilder value = new StringBuilder();
                if (i < n && header.charAt(i) == '"') {
                    i++;
                    while (i < n && header.charAt(i) != '"') {
                        if (header.charAt(i) == '\\' && i + 1 < n) {
                            i++;
                        }
                        value.append(header.charAt(i++));
                    }
                    i++;
                } else {
                    while (i < n && header.charAt(i) != ',' && header.charAt(i) != ' ') {
                        value.append(header.charAt(i++));
                    }
                }
                params.put(key, value.toString());
            }
            out.add(new Challenge(scheme, params));
        }
        return out;
    }
}
