/**
 * RUN: resolving a RUN instruction against its stage ({@code RunSpecs}: argv, environment, mounts),
 * running it in a build container ({@link io.cairn.engine.build.run.RunStep}), the cache-mount
 * directories it leases ({@link io.cairn.engine.build.run.CacheMounts}) and the mount points it must
 * not leave in the layer ({@code MountStubs}); {@link io.cairn.engine.build.run.RunLayer} ties them
 * into a layer step. The stage builder ({@code io.cairn.engine.build}) drives this package and hands
 * it what RUN reads of the stage and the build ({@link io.cairn.engine.build.run.RunStage},
 * {@link io.cairn.engine.build.run.RunBuild}); this package never reaches back into the builder.
 */
package io.cairn.engine.build.run;
