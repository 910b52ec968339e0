package io.cairn.storage.index;

/**
 * The storage under an {@link IndexStore} failed (I/O error, full disk, corruption); the message
 * names the store's location and the operation.
 */
public class IndexStoreException extends RuntimeException {
    public IndexStoreException(String message) {
        super(message);
    }

    public IndexStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
