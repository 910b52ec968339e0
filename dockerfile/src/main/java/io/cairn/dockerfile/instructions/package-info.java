/**
 * Typed Dockerfile instructions: one record per instruction of Docker's reference, grouped into
 * {@link io.cairn.dockerfile.instructions.Stage}s by
 * {@link io.cairn.dockerfile.instructions.InstructionParser}.
 *
 * <p>Records hold {@link io.cairn.dockerfile.Word}s exactly as written (quotes,
 * escapes and {@code $refs} kept) and the {@link io.cairn.dockerfile.parser.InstructionNode}
 * they came from; {@link io.cairn.dockerfile.instructions.Expander} returns the
 * same record type with the words that Docker expands for that instruction expanded, and no
 * others. The builder executes expanded instructions.
 */
package io.cairn.dockerfile.instructions;
