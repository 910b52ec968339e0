/**
 * Networking end to end with real runc, netavark and aardvark-dns: names on user networks, published
 * ports from the host, internal networks, leaks after rm, recovery after a daemon SIGKILL, the stock
 * docker CLI. Subnets are 10.213.x.0/24, one per test; traffic stays on loopback and in the tests'
 * own namespaces.
 */
package io.cairn.it.network;
