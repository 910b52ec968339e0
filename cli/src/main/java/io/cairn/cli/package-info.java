/** Cairn cli module. */
package io.cairn.cli;
