/**
 * Image references in Docker's grammar ({@code [domain[:port]/]path[:tag][@digest]}, as
 * github.com/distribution/reference defines it), their normalization to fully qualified names and
 * their "familiar" short forms, and recognition of image IDs. Pure functions, no I/O.
 */
package io.cairn.engine.image.reference;
