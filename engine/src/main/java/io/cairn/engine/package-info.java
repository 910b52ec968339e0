/**
 * Cairn's domain: events, the Disruptor pipeline that journals and indexes them, the services that
 * decide them (volumes, later images, containers, builds), recovery, and the daemon with its HTTP
 * API. The public API ({@link io.cairn.api}) carries JDK types and Cairn records only.
 */
package io.cairn.engine;
