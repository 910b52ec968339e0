/**
 * The Engine API over the daemon's Unix socket (Jetty): routes in Docker's paths and shapes, the
 * peer's uid from the socket, followers for streams ({@code events}, {@code logs}, {@code wait}), and
 * errors as Docker's {@code {"message": …}} bodies with the status of their kind.
 */
package io.cairn.engine.http;
