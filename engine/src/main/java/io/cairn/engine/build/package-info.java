/**
 * The builder: runs a Dockerfile's plan (from the {@code io.cairn.dockerfile} front end) stage by
 * stage against the engine — FROM sources, COPY/ADD, RUN through containers, metadata steps — with
 * BuildKit's cache semantics, journaling the build's events and the images its steps make.
 */
package io.cairn.engine.build;
