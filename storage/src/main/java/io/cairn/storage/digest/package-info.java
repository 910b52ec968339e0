/** OCI content digests ({@code algorithm:hex}) and hashing helpers. */
package io.cairn.storage.digest;
