/**
 * Cairn's Dockerfile front end, modelled on BuildKit's: small packages, each one concept.
 *
 * <ul>
 *   <li>{@code parser} — text to an AST of {@link io.cairn.dockerfile.parser.InstructionNode}s
 *       with exact positions (directives, comments, continuations, JSON forms, heredocs);</li>
 *   <li>{@code instructions} — AST to typed instruction records grouped into stages;</li>
 *   <li>{@code shell} — the shell-word lexer that expands {@code $var} and {@code ${var:-x}};</li>
 *   <li>{@code plan} — the expansion pass: ARG/ENV scoping per stage, build args, stage resolution;</li>
 *   <li>{@code dockerignore} — {@code .dockerignore} pattern files and their matcher;</li>
 *   <li>{@code check} — {@code cairn build --check}: all of the above plus the build context.</li>
 * </ul>
 *
 * <p>Nothing here touches the journal, the index or the runtime: it is pure, side-effect-free
 * Java, so the builder can run it in the decide stage and the CLI can run it without a daemon.
 */
package io.cairn.dockerfile;
