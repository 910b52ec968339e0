/**
 * How the CLI prints: Docker's tables, {@code --format json}, human sizes and times, progress
 * lines on stderr, and the prompt of destructive commands.
 */
package io.cairn.cli.output;
