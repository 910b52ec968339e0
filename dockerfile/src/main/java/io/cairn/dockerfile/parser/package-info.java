/**
 * Dockerfile text to AST, following Docker's reference and BuildKit's parser.
 *
 * <p>{@link io.cairn.dockerfile.parser.DockerfileParser#parse} never throws on bad
 * input: it returns a {@link io.cairn.dockerfile.parser.DockerfileAst} holding every
 * instruction it could read plus a positioned diagnostic for every line it could not, so that a
 * checker can report all problems at once. The AST is syntactic only: keywords are not yet
 * validated beyond being known, arguments are kept as written, and nothing is expanded.
 */
package io.cairn.dockerfile.parser;
