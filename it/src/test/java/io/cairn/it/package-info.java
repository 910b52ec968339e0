/**
 * Integration tests through {@code bin/cairn} against a real daemon, runc and overlayfs (run as
 * root by failsafe): containers, crashes, races, the daemon's boundaries; with the helpers that make
 * roots, images and users for them.
 */
package io.cairn.it;
