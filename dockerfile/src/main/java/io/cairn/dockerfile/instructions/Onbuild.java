package io.cairn.dockerfile.instructions;

import io.cairn.dockerfile.parser.InstructionNode;

/**
 * {@code ONBUILD instruction}: a trigger stored in the image, run by builds that use it as base.
 * Not expanded now: the trigger is expanded when it runs.
 *
 * @param trigger the parsed trigger, validated
 */
public record Onbuild(InstructionNode node, Instruction trigger) implements Instruction {

    /** The trigger's text as stored in the image config, e.g. {@code RUN make}. */
    public String expression() {
        return trigger.node().original();
    }
}
