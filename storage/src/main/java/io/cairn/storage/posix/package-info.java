/**
 * Thin, checked access to the Linux calls that NIO lacks (mknod, xattrs, lchown, utimensat,
 * syncfs, mount and the new mount API, openat2), through one set of jnr-ffi bindings ({@link
 * io.cairn.storage.posix.LibC}). Errors are {@link io.cairn.storage.posix.PosixException}s that
 * name the call, the path and errno.
 */
package io.cairn.storage.posix;
