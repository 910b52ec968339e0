package io.cairn.storage.layer;

import java.util.Map;

/**
 * What {@link LayerPacker#packForAdoption} returns for {@link LayerStore#adopt}: the tar written,
 * and the tree's {@link TreeManifest} lines below its root, gathered while packing so that adopting
 * does not read every file once more. Only the packer makes one; it describes the tree as the
 * packer left it, which nobody may change before adopting it.
 */
public final class AdoptablePack {
    private final PackResult tar;
    /** Unescaped relative path → manifest line without the path, for every entry below the root. */
    private final Map<String, String> lines;

    AdoptablePack(PackResult tar, Map<String, String> lines) {
        this.tar = tar;
        this.lines = Map.copyOf(lines);
    }

    /** The tar: its diffID, size and entry count. */
    public PackResult tar() {
        return tar;
    }

    Map<String, String> lines() {
        return lines;
    }
}
