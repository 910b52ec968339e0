/**
 * The image commands ({@code images}, {@code import}, {@code load}, {@code save}, {@code tag},
 * {@code rmi}, {@code history}, {@code image inspect/prune/verify}) with Docker's flags and output.
 */
package io.cairn.cli.image;
