/**
 * AppArmor on the host: whether the kernel enforces it, and Cairn's default profile, loaded with
 * apparmor_parser as Docker loads {@code docker-default}; a host without AppArmor runs containers
 * without a profile.
 */
package io.cairn.engine.runtime.spec.apparmor;
