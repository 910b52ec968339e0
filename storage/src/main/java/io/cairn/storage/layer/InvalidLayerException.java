package io.cairn.storage.layer;

import java.io.IOException;
import java.util.Optional;

/**
 * A layer archive was refused: malformed, corrupt, unsafe to extract, or not what it was
 * announced to be. The message names the offending entry when there is one. Nothing of the
 * refused layer remains on disk when this is thrown by the unpacker or the store.
 */
public class InvalidLayerException extends IOException {
    private final String entry;
    private final String reason;

    public InvalidLayerException(String entry, String reason) {
        super(entry == null ? "invalid layer: " + reason : "invalid layer entry " + entry + ": " + reason);
        this.entry = entry;
        this.reason = reason;
    }

    public InvalidLayerException(String entry, String reason, Throwable cause) {
        this(entry, reason);
        initCause(cause);
    }

    /** Why, without the entry: for callers that name the archive themselves. */
    public String reason() {
        return reason;
    }

    /** The tar entry at fault, if the problem is tied to one. */
    public Optional<String> entry() {
        return Optional.ofNullable(entry);
    }
}
