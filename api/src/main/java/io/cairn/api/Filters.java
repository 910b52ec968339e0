package io.cairn.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Docker-style filters: {@code key=value} pairs where repeated values of one key are OR-ed and
 * different keys AND-ed. Immutable.
 */
public record Filters(Map<String, List<String>> values) {

    public Filters {
        var copy = new LinkedHashMap<String, List<String>>();
        values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        values = java.util.Collections.unmodifiableMap(copy);
    }

    public static Filters none() {
        return new Filters(Map.of());
    }

    /**
     * Parses {@code key=value} strings, refusing keys outside {@code allowed} with a message naming
     * the filter.
     */
    public static Filters parse(List<String> pairs, Set<String> allowed) {
        var map = new LinkedHashMap<String, List<String>>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new InvalidArgumentException("bad format of filter (expected name=value): '" + pair + "'");
            }
            String key = pair.substring(0, eq);
            if (!allowed.contains(key)) {
                throw new InvalidArgumentException("invalid filter '" + key + "'");
            }
            map.computeIfAbsent(key, k -> new ArrayList<>()).add(pair.substring(eq + 1));
        }
        return new Filters(map);
    }

    /** Refuses keys outside {@code allowed}; for filters that arrive over the API. */
    public Filters check(Set<String> allowed) {
        for (String key : values.keySet()) {
            if (!allowed.contains(key)) {
                throw new InvalidArgumentException("invalid filter '" + key + "'");
            }
        }
        return this;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public List<String> get(String key) {
        return values.getOrDefault(key, List.of());
    }

    /** True when the key is absent or any of its values satisfies the test. */
    public boolean anyOrAbsent(String key, java.util.function.Predicate<String> test) {
        List<String> wanted = values.get(key);
        return wanted == null || wanted.stream().anyMatch(test);
    }

    /**
     * Docker's label filter: {@code label=k} matches when the key exists, {@code label=k=v} when it
     * has that value; all label filters must match.
     */
    public boolean labelsMatch(String key, Map<String, String> labels) {
        for (String want : get(key)) {
            int eq = want.indexOf('=');
            boolean ok = eq < 0 ? labels.containsKey(want)
                    : want.substring(eq + 1).equals(labels.get(want.substring(0, eq)));
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
