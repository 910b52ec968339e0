/**
 * {@code cairn journal}: dump, verify, rebuild (through the daemon) and repair (in the CLI's own
 * process, with the root's lock held and no daemon running).
 */
package io.cairn.cli.journal;
