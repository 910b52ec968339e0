/** Cairn engine module. */
package io.cairn.engine;
