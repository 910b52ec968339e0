/**
 * Thin, checked access to the Linux calls that NIO lacks (mknod, xattrs, lchown, utimensat,
 * syncfs, mount), through jnr-ffi. Errors are {@link io.cairn.storage.posix.PosixException}s that
 * name the call, the path and errno.
 */
package io.cairn.storage.posix;
