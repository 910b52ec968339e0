/**
 * RUN steps: what a step's container runs ({@link io.cairn.engine.build.run.RunSpec}, with its
 * cache text) and running it through the container service to a committed layer
 * ({@link io.cairn.engine.build.run.RunStep}).
 */
package io.cairn.engine.build.run;
