package io.cairn.dockerfile.instructions;

import io.cairn.dockerfile.parser.InstructionNode;
import java.util.Optional;

/** {@code HEALTHCHECK [options] CMD command}, or {@code HEALTHCHECK NONE} (empty config) to disable. */
public record Healthcheck(InstructionNode node, Optional<HealthConfig> config) implements Instruction {

    /** True for {@code HEALTHCHECK NONE}. */
    public boolean isNone() {
        return config.isEmpty();
    }
}
