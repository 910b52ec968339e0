package io.cairn.storage.layer.tar;

/** The kinds of tar entry a layer may carry (ustar typeflags). */
public enum TarType {
    REGULAR('0'),
    HARDLINK('1'),
    SYMLINK('2'),
    CHAR_DEVICE('3'),
    BLOCK_DEVICE('4'),
    DIRECTORY('5'),
    FIFO('6');

    private final char flag;

    TarType(char flag) {
        this.flag = flag;
    }

    /** The ustar typeflag byte. */
    public char flag() {
        return flag;
    }

    /** Entries of these types carry no data in the archive, whatever their header's size says. */
    public boolean headerOnly() {
        return this != REGULAR;
    }
}
