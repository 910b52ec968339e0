package io.cairn.dockerfile.plan;

import io.cairn.dockerfile.instructions.Instruction;

/**
 * One instruction of a stage, expanded, with the variables in effect before it ran.
 *
 * @param instruction the expanded instruction
 * @param scope       variables in effect when the instruction runs (for RUN: its environment)
 * @param trigger     whether it is an ONBUILD trigger of the stage's base image (then its position is
 *                    in the trigger list, not in the Dockerfile: report the stage's FROM instead)
 */
public record Step(Instruction instruction, Scope scope, boolean trigger) {

    /** A step written in the Dockerfile. */
    public Step(Instruction instruction, Scope scope) {
        this(instruction, scope, false);
    }
}
