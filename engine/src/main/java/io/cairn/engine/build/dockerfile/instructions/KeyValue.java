package io.cairn.engine.build.dockerfile.instructions;

import io.cairn.engine.build.dockerfile.Word;

/** One {@code key=value} of ENV or LABEL. */
public record KeyValue(Word key, Word value) {
}
