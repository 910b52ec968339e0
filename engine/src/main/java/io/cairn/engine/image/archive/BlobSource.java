package io.cairn.engine.image.archive;

import io.cairn.storage.digest.Digest;
import java.io.IOException;
import java.io.InputStream;

/**
 * Opens a blob by digest for {@link ArchiveWriter}, e.g. {@code blobStore::open}. The stream must
 * yield exactly the blob's bytes; the writer closes it.
 */
@FunctionalInterface
public interface BlobSource {
    InputStream open(Digest digest) throws IOException;
}
