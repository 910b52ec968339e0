/**
 * Images with Docker's semantics over the content and layer stores. {@link
 * io.cairn.engine.image.ImageService} is the entry point over three jobs: queries, storing new images
 * (import, load, commit, build) and removal (untag, delete, prune), each journaling what
 * {@code ImageDecisions} decides; also the image records and their projection.
 */
package io.cairn.engine.image;
