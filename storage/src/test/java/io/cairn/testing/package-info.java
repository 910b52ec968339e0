/**
 * What a test needs from the machine (a tool, a file, root, a tmpfs), said one way: skipped on a
 * developer's machine when missing, failed in CI. Shared with every module through storage's test
 * jar.
 */
package io.cairn.testing;
