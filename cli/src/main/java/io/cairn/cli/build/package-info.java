/** {@code cairn build}: the command-line front of the builder. */
package io.cairn.cli.build;
