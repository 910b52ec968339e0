/**
 * Hostile inputs everywhere the engine reads tars: every entry point must refuse or contain them.
 */
package io.cairn.engine.hostile;
