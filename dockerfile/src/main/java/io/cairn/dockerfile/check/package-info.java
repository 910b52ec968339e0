/**
 * {@code cairn build --check}: everything a build would find wrong before running anything —
 * syntax, instructions, expansion, stages, build args, and COPY/ADD sources missing from the
 * context after {@code .dockerignore} — reported as {@code FILE:LINE:COL: message} with the
 * offending line. Reads the context directory, writes nothing, journals nothing.
 *
 * <p>Decisions where Docker is silent or lenient (recorded here because they shape the output):
 * <ul>
 *   <li>Only the stages the target needs are built, so problems found while planning the other
 *       stages are reported as warnings naming the stage; syntax errors stay errors everywhere.</li>
 *   <li>No registry is contacted: base images' environments are unknown, so expansions that read
 *       them (e.g. {@code $PATH}) expand to empty and no undefined-variable warning is given for
 *       such stages; stages from {@code scratch} or from other stages are fully known.</li>
 *   <li>The reference's rule "several sources need a destination ending in {@code /}" is enforced,
 *       for literal sources and for a wildcard that matches several files.</li>
 *   <li>{@code COPY --exclude} patterns are validated but not applied when checking that a
 *       source exists; sources outside the context ({@code ../x}) are clamped to it, as BuildKit does.</li>
 *   <li>Build-check warnings (Docker's rule names: {@code JSONArgsRecommended},
 *       {@code MaintainerDeprecated}, ...) follow the {@code # check=skip=...;error=true} directive;
 *       warnings alone keep the exit code 0.</li>
 * </ul>
 */
package io.cairn.dockerfile.check;
