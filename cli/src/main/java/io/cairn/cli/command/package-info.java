/**
 * What every command shares, a leaf of the client: the HTTP-client base command, the global
 * options, exit codes derived from the error kind, usage errors, label parsing and the hand-over
 * to the engine JVM.
 */
package io.cairn.cli.command;
