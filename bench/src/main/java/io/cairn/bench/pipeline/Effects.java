package io.cairn.bench.pipeline;

/**
 * Which effect a benchmark's volume commands carry. {@link #DIRECTORY} is what the engine's
 * {@code VolumeService} does (create or delete {@code volumes/NAME} after the event is indexed,
 * and complete the caller's future only then); {@link #NONE} journals and indexes the same events
 * with no effect, to isolate the pipeline from the file system.
 */
public enum Effects {
    NONE,
    DIRECTORY
}
