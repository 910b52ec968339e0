/**
 * {@code .dockerignore} files and Docker's pattern rules (moby/patternmatcher): {@code *} and
 * {@code ?} stop at {@code /}, {@code **} spans directories, {@code [a-z]} ranges, {@code \}
 * escapes, a leading {@code /} is ignored, {@code !} re-includes, and the last matching pattern
 * wins; a pattern that matches a directory matches everything below it.
 */
package io.cairn.dockerfile.dockerignore;
