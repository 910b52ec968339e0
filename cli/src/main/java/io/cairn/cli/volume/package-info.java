/**
 * The volume commands ({@code volume create/ls/inspect/rm/prune}) with Docker's flags and output.
 */
package io.cairn.cli.volume;
