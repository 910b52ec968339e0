package io.cairn.bench.build;

import io.cairn.dockerfile.instructions.DockerfileModel;
import io.cairn.dockerfile.instructions.InstructionParser;
import io.cairn.dockerfile.parser.DockerfileAst;
import io.cairn.dockerfile.parser.DockerfileParser;
import io.cairn.dockerfile.plan.BaseImages;
import io.cairn.dockerfile.plan.BuildOptions;
import io.cairn.dockerfile.plan.BuildPlan;
import io.cairn.dockerfile.plan.Planner;
import io.cairn.dockerfile.plan.Platform;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parse + type + expand (plan) of a generated multi-stage Dockerfile of {@code lines} lines:
 * global ARGs, stages built on stages, RUN with continuations and mounts, ENV/ARG/LABEL with
 * substitutions, COPY --from, heredocs. Target (issue 4): ≤ 1 ms for 500 lines after warm-up.
 *
 * <p>Run: {@code mvn -B -q -pl bench -am package -DskipTests && java -cp
 * bench/target/classes:$(cat bench/target/classpath.txt) org.openjdk.jmh.Main DockerfileParseExpand}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class DockerfileParseExpandBenchmark {

    @Param({"500"})
    public int lines;

    private String text;
    private BuildOptions options;

    @Setup(Level.Trial)
    public void setUp() {
        text = dockerfile(lines);
        options = new BuildOptions(Map.of("VERSION", "2.0.0", "HTTP_PROXY", "http://proxy:3128"), Optional.empty(),
                new Platform("linux", "amd64", ""));
        BuildPlan plan = parseAndExpand();
        if (!plan.ok()) {
            throw new IllegalStateException("benchmark Dockerfile does not check: " + plan.diagnostics());
        }
    }

    @Benchmark
    public BuildPlan parseAndExpand() {
        DockerfileAst ast = DockerfileParser.parse(text);
        DockerfileModel model = InstructionParser.parse(ast);
        return Planner.plan(model, options, BaseImages.UNKNOWN);
    }

    @Benchmark
    public DockerfileAst parseOnly() {
        return DockerfileParser.parse(text);
    }

    /** A realistic multi-stage Dockerfile of at least {@code lines} physical lines. */
    public static String dockerfile(int lines) {
        StringBuilder b = new StringBuilder();
        b.append("# syntax=docker/dockerfile:1\n");
        b.append("ARG VERSION=1.0.0\nARG BASE_IMAGE=debian:bookworm-slim\nARG GO_VERSION=1.22\n");
        int stage = 0;
        int count = 4;
        while (count < lines) {
            String name = "stage" + stage;
            b.append("\n# stage ").append(stage).append('\n');
            if (stage == 0) {
                b.append("FROM ${BASE_IMAGE} AS ").append(name).append('\n');
            } else {
                b.append("FROM stage").append(stage - 1).append(" AS ").append(name).append('\n');
            }
            b.append("ARG VERSION\nARG TARGETARCH\n");
            b.append("ENV APP_HOME=/opt/app-").append(stage).append(" PATH=/opt/app/bin:$PATH LANG=C.UTF-8\n");
            b.append("LABEL org.opencontainers.image.version=\"${VERSION}\" stage=").append(name)
                    .append(" arch=${TARGETARCH:-amd64}\n");
            b.append("WORKDIR ${APP_HOME}/src\n");
            b.append("RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\\n")
                    .append("    apt-get update \\\n")
                    .append("    # keep the image small\n")
                    .append("    && apt-get install -y --no-install-recommends ca-certificates curl git \\\n")
                    .append("    && rm -rf /var/lib/apt/lists/*\n");
            b.append("COPY --chown=1000:1000 --chmod=0644 go.mod go.sum ./\n");
            b.append("COPY [\"cmd/\", \"./cmd/\"]\n");
            if (stage > 0) {
                b.append("COPY --from=stage").append(stage - 1).append(" /out/app-").append(stage - 1)
                        .append(" /usr/local/bin/\n");
            }
            b.append("RUN <<EOF\nset -eu\ngo build -o /out/app-").append(stage).append(" ./cmd/app\nEOF\n");
            b.append("EXPOSE 80 443/tcp 8000-8010\n");
            b.append("HEALTHCHECK --interval=30s --timeout=3s CMD [\"curl\", \"-f\", \"http://localhost/\"]\n");
            b.append("USER app:app\n");
            b.append("CMD [\"/usr/local/bin/app\"]\n");
            count += stage == 0 ? 23 : 24;
            stage++;
        }
        return b.toString();
    }
}
