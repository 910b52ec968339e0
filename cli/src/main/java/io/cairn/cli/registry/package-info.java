/**
 * The client side of registries: {@code pull}, {@code push}, {@code login}, {@code logout}, and the
 * docker CLI's credential store ({@code ~/.docker/config.json} and {@code docker-credential-*}
 * helpers), whose credentials go to the daemon in {@code X-Registry-Auth} for one request only.
 */
package io.cairn.cli.registry;
