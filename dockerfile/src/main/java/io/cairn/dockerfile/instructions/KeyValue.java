package io.cairn.dockerfile.instructions;

import io.cairn.dockerfile.Word;

/** One {@code key=value} of ENV or LABEL. */
public record KeyValue(Word key, Word value) {
}
