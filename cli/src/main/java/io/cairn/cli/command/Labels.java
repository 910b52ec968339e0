package io.cairn.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code KEY=VALUE} flags ({@code --label}, {@code --opt}, {@code --filter}) and their printed form. */
public final class Labels {

    private Labels() {
    }

    /** {@code k=v} pairs to a map; a pair without {@code =} gets an empty value, as Docker's labels do. */
    public static Map<String, String> parse(Usage usage, String flag, List<String> pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.isEmpty()) {
                throw usage.error(flag + ": empty key in \"" + pair + "\"");
            }
            map.put(key, eq < 0 ? "" : pair.substring(eq + 1));
        }
        return map;
    }

    /** {@code --filter k=v} flags grouped by key, in Docker's filter form. */
    public static Map<String, List<String>> filters(Usage usage, List<String> pairs) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw usage.error("bad format of filter (expected name=value): " + pair);
            }
            map.computeIfAbsent(pair.substring(0, eq), k -> new ArrayList<>()).add(pair.substring(eq + 1));
        }
        return map;
    }

    /** Labels as Docker's listings print them: {@code k=v,k2=v2}, sorted. */
    public static String join(JsonNode labels) {
        Map<String, String> sorted = new TreeMap<>();
        labels.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
        StringBuilder text = new StringBuilder();
        sorted.forEach((k, v) -> text.append(text.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return text.toString();
    }
}
