/** {@link io.cairn.storage.blob.BlobStore} on a local file system, in OCI layout. */
package io.cairn.storage.blob.file;
