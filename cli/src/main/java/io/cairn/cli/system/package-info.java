/**
 * {@code cairn system}: {@code df}, {@code check} (index against disk) and {@code digest} (the
 * index's state digest).
 */
package io.cairn.cli.system;
