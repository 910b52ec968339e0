package io.cairn.storage.layer.tar;

import java.io.IOException;

/** The archive is not a well-formed tar, or uses a feature layers do not allow. */
public final class TarFormatException extends IOException {
    private final String entry;
    private final String reason;

    /**
     * @param entry the name of the entry being read, or a description of the position
     *              ("header at offset 1024") when no name is known yet
     */
    public TarFormatException(String entry, String message) {
        super("tar entry " + entry + ": " + message);
        this.entry = entry;
        this.reason = message;
    }

    public TarFormatException(String entry, String message, Throwable cause) {
        super("tar entry " + entry + ": " + message, cause);
        this.entry = entry;
        this.reason = message;
    }

    /** What is wrong, without the entry name. */
    public String reason() {
        return reason;
    }

    /** The entry (or position) the problem is at. */
    public String entry() {
        return entry;
    }
}
