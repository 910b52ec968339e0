/**
 * The OCI Distribution protocol as Docker speaks it, client side: where a registry is (Docker Hub's
 * quirks, mirrors, the scheme a host is spoken to in), how a request is authorised (anonymous,
 * basic, bearer tokens from a {@code WWW-Authenticate} challenge), TLS trust (the system's plus
 * {@code certs.d/HOST/*.crt}), and reading manifests and blobs with every byte checked against
 * its digest and size. It knows nothing of the engine's stores: {@code image} drives it.
 */
package io.cairn.engine.registry;
