package io.cairn.engine.build.dockerfile.plan;

import io.cairn.engine.build.dockerfile.instructions.Instruction;

/**
 * One instruction of a stage, expanded, with the variables in effect before it ran.
 *
 * @param instruction the expanded instruction
 * @param scope       variables in effect when the instruction runs (for RUN: its environment)
 */
public record Step(Instruction instruction, Scope scope) {
}
