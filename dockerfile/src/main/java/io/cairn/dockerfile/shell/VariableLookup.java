package io.cairn.dockerfile.shell;

import java.util.Map;

/** The variables visible to an expansion. */
@FunctionalInterface
public interface VariableLookup {

    /** No variable is set. */
    VariableLookup EMPTY = name -> null;

    /** The value of {@code name}, or {@code null} when it is not set (an empty value is set). */
    String get(String name);

    /** A lookup over a map; later changes to the map are visible. */
    static VariableLookup of(Map<String, String> values) {
        return values::get;
    }
}
