/** Cairn bench module. */
package io.cairn.bench;
