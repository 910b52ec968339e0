/**
 * Typed Dockerfile instructions: one record per instruction of Docker's reference, grouped into
 * {@link io.cairn.engine.build.dockerfile.instructions.Stage}s by
 * {@link io.cairn.engine.build.dockerfile.instructions.InstructionParser}.
 *
 * <p>Records hold {@link io.cairn.engine.build.dockerfile.Word}s exactly as written (quotes,
 * escapes and {@code $refs} kept) and the {@link io.cairn.engine.build.dockerfile.parser.InstructionNode}
 * they came from; {@link io.cairn.engine.build.dockerfile.instructions.Expander} returns the
 * same record type with the words that Docker expands for that instruction expanded, and no
 * others. The builder executes expanded instructions.
 */
package io.cairn.engine.build.dockerfile.instructions;
