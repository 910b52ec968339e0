/** The content-addressed blob store contract ({@link io.cairn.storage.blob.BlobStore}). */
package io.cairn.storage.blob;
