package io.cairn.storage.index;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Validates and orders the family names an {@link IndexStore} is opened with: ASCII letters,
 * digits, {@code . _ -}, at most 64 characters; {@code default} is reserved by RocksDB. The
 * returned list is sorted, duplicate-free and always contains {@link IndexStore#META}; for these
 * ASCII names, String order equals the UTF-8 byte order the digest contract uses.
 */
public final class Families {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private Families() {
    }

    public static List<String> normalize(List<String> families) {
        TreeSet<String> sorted = new TreeSet<>();
        for (String name : families) {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("invalid index family name: \"" + name + "\"");
            }
            if (name.equals("default")) {
                throw new IllegalArgumentException("index family name \"default\" is reserved");
            }
            sorted.add(name);
        }
        sorted.add(IndexStore.META);
        return List.copyOf(new ArrayList<>(sorted));
    }
}
