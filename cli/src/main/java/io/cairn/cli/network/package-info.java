/**
 * The network commands ({@code network create/ls/inspect/rm/prune/connect/disconnect}) and
 * {@code port}, with Docker's flags and output.
 */
package io.cairn.cli.network;
