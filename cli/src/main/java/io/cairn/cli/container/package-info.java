/**
 * The container commands ({@code create}, {@code run}, {@code start}, {@code stop}, {@code kill},
 * {@code wait}, {@code logs}, {@code ps}, {@code rm}, {@code commit}, {@code diff}, {@code container
 * inspect/prune}) with Docker's flags, output and exit codes.
 */
package io.cairn.cli.container;
