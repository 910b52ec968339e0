/**
 * The CLI's side of the Engine API: HTTP/1.1 over the daemon's Unix socket (chunked bodies, bounded
 * reads), starting a daemon when none answers, and the small JSON reading the client needs without
 * databind on its start-up path.
 */
package io.cairn.cli.client;
