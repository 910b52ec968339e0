/**
 * A client's standard streams as the engine's domains see them once an API request is hijacked
 * ({@code attach}, {@code exec start}): input to forward to a process, its output and error
 * streams, and the terminal's size. The HTTP layer builds them (Docker's multiplexed or raw stream);
 * the domains never see a socket. A leaf: it depends on nothing of the engine.
 */
package io.cairn.engine.stdio;
