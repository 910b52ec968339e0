/**
 * The expansion pass: from typed instructions and build options to a {@link
 * io.cairn.dockerfile.plan.BuildPlan} the builder can execute.
 *
 * <p>It applies Docker's scoping: global ARGs (before the first FROM) are visible in FROM lines
 * only, and inside a stage only after {@code ARG name}; ARG values come from {@code --build-arg},
 * else the default; ENV overrides ARG; a stage built on another stage inherits its ENV but not
 * its ARGs. It resolves stage references ({@code FROM stage}, {@code COPY --from},
 * {@code RUN --mount from=}), the target, and which stages the target needs.
 */
package io.cairn.dockerfile.plan;
