package io.cairn.dockerfile.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.dockerfile.Diagnostic;
import io.cairn.dockerfile.DockerfileException;
import io.cairn.dockerfile.instructions.InstructionParser;
import io.cairn.dockerfile.instructions.Label;
import io.cairn.dockerfile.instructions.Run;
import io.cairn.dockerfile.instructions.Workdir;
import io.cairn.dockerfile.parser.DockerfileParser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** ARG/ENV scoping per stage, build args, predefined args, base environments, stage graph. */
class PlannerTest {

    private static final Platform AMD64 = new Platform("linux", "amd64", "");

    private static BuildPlan plan(String text, Map<String, String> args, String target, BaseImages env) {
        return Planner.plan(InstructionParser.parse(DockerfileParser.parse(text)),
                new BuildOptions(args, Optional.ofNullable(target), AMD64), env);
    }

    private static BuildPlan plan(String text, Map<String, String> args) {
        return plan(text, args, null, BaseImages.UNKNOWN);
    }

    private static Map<String, String> labels(PlannedStage s) {
        return s.steps().stream().filter(st -> st.instruction() instanceof Label)
                .flatMap(st -> ((Label) st.instruction()).labels().stream())
                .collect(Collectors.toMap(kv -> kv.key().text(), kv -> kv.value().text(), (a, b) -> b));
    }

    @Test
    void buildArgsOverrideDefaultsAndGlobalsNeedRedeclaring() {
        String df = """
                ARG G=global
                FROM alpine:${G:-x}
                LABEL before=[$G]
                ARG G
                LABEL after=[$G]
                ARG S=stage-default
                LABEL s=[$S]
                """;
        BuildPlan defaults = plan(df, Map.of());
        assertEquals(Map.of("before", "[]", "after", "[global]", "s", "[stage-default]"), labels(defaults.stages().get(0)));
        BuildPlan given = plan(df, Map.of("G", "from-cli", "S", "cli-s"));
        assertEquals(Map.of("before", "[]", "after", "[from-cli]", "s", "[cli-s]"), labels(given.stages().get(0)));
        assertEquals(new BaseImage.Image("alpine:from-cli"), given.stages().get(0).base());
        assertTrue(given.unusedBuildArgs().isEmpty());
    }

    @Test
    void envWinsOverArgAndStagesInheritEnvButNotArgs() {
        String df = """
                FROM alpine AS base
                ARG V=arg
                ENV V=env E=from-base
                LABEL v=$V
                FROM base
                LABEL e=$E argless=[${V}]
                FROM alpine
                LABEL e=[$E]
                """;
        BuildPlan p = plan(df, Map.of());
        assertEquals(Map.of("v", "env"), labels(p.stages().get(0)));
        assertEquals(Map.of("e", "from-base", "argless", "[env]"), labels(p.stages().get(1)));
        assertEquals(Map.of("e", "[]"), labels(p.stages().get(2)));
        assertEquals(new BaseImage.StageRef(0), p.stages().get(1).base());
    }

    @Test
    void envPairsOfOneInstructionSeeTheEnvironmentBeforeIt() {
        BuildPlan p = plan("FROM alpine\nENV abc=hello\nENV abc=bye def=$abc\nLABEL def=$def\n", Map.of());
        assertEquals(Map.of("def", "hello"), labels(p.stages().get(0)));
    }

    @Test
    void runStepsCarryTheirScopeAndProxyArgsStayOutOfIt() {
        BuildPlan p = plan("FROM alpine\nARG A=1\nENV E=2\nRUN env\n", Map.of("HTTP_PROXY", "http://p:3128"));
        Step run = p.stages().get(0).steps().stream().filter(s -> s.instruction() instanceof Run).findFirst().orElseThrow();
        assertEquals(Map.of("A", "1"), run.scope().args());
        assertEquals("2", run.scope().env().get("E"));
        assertEquals(Map.of("HTTP_PROXY", "http://p:3128"), p.proxyArgs());
        assertTrue(p.unusedBuildArgs().isEmpty(), "proxy args are consumed without an ARG");
    }

    @Test
    void platformArgsAreGlobalAndNeedArgInsideAStage() {
        BuildPlan p = plan("FROM --platform=$TARGETPLATFORM alpine\nLABEL a=[$TARGETARCH]\nARG TARGETARCH\nLABEL b=$TARGETARCH\n",
                Map.of());
        assertEquals(Optional.of(AMD64), p.stages().get(0).platform());
        assertEquals(Map.of("a", "[]", "b", "amd64"), labels(p.stages().get(0)));
    }

    @Test
    void aKnownBaseEnvironmentFeedsExpansionAndUndefinedVariableWarnings() {
        BaseImages env = ref -> ref.equals("golang:1.22") ? Optional.of(Map.of("GOPATH", "/go")) : Optional.empty();
        BuildPlan p = plan("FROM golang:1.22\nWORKDIR $GOPATH/src\nLABEL path=$PATH\nWORKDIR $NOPE\n", Map.of(), null, env);
        assertEquals("/go/src", ((Workdir) p.stages().get(0).steps().get(0).instruction()).path().text());
        assertEquals(Map.of("path", Planner.DEFAULT_PATH), labels(p.stages().get(0)));
        assertEquals(List.of("4:1: warning: Usage of undefined variable '$NOPE' (UndefinedVar)",
                        "4:9: WORKDIR cannot be empty (it expanded to \"\")"),
                p.diagnostics().stream().map(d -> d.format("").substring(1)).toList());
        BuildPlan unknown = plan("FROM alpine\nLABEL p=[$PATH]\n", Map.of());
        assertEquals(Map.of("p", "[]"), labels(unknown.stages().get(0)));
        assertTrue(unknown.diagnostics().isEmpty(), "no undefined-variable warnings when the base env is unknown");
    }

    /** A base image that knows an environment and ONBUILD triggers. */
    private static BaseImages withTriggers(String image, List<String> triggers) {
        return new BaseImages() {
            @Override
            public Optional<Map<String, String>> env(String reference) {
                return reference.equals(image) ? Optional.of(Map.of("APP", "/app")) : Optional.empty();
            }

            @Override
            public List<String> triggers(String reference) {
                return reference.equals(image) ? triggers : List.of();
            }
        };
    }

    @Test
    void aBaseImagesTriggersRunFirstExpandedInTheChildsScope() {
        BuildPlan p = plan("FROM base\nARG V\nLABEL own=yes\n", Map.of("V", "2"), null,
                withTriggers("base", List.of("LABEL from=$APP", "WORKDIR $APP/src")));
        List<Step> steps = p.stages().get(0).steps();
        assertEquals(List.of(true, true, false, false), steps.stream().map(Step::trigger).toList());
        assertEquals("/app/src", ((Workdir) steps.get(1).instruction()).path().text());
        assertEquals(Map.of("from", "/app", "own", "yes"), labels(p.stages().get(0)));
        assertTrue(p.diagnostics().isEmpty(), p.diagnostics().toString());
    }

    @Test
    void aBadTriggerIsReportedAtTheStagesFrom() {
        List<String> nested = errors(plan("# comment\nFROM base\n", Map.of(), null,
                withTriggers("base", List.of("RUN ok", "ONBUILD RUN x"))));
        assertEquals(1, nested.size(), nested.toString());
        assertTrue(nested.get(0).startsWith("2:") && nested.get(0).contains("base image base has an invalid ONBUILD trigger"
                + " \"ONBUILD RUN x\""), nested.toString());
        List<String> from = errors(plan("FROM base\n", Map.of(), null, withTriggers("base", List.of("FROM alpine"))));
        assertTrue(from.get(0).contains("FROM isn't allowed as an ONBUILD trigger"), from.toString());
        List<String> empty = errors(plan("FROM base\n", Map.of(), null, withTriggers("base", List.of("WORKDIR $NOPE"))));
        assertTrue(empty.get(0).startsWith("1:") && empty.get(0).contains("ONBUILD WORKDIR $NOPE (a trigger of the base image)"),
                empty.toString());
    }

    @Test
    void theTargetDecidesWhichStagesAreNeeded() {
        String df = """
                FROM alpine AS tools
                FROM alpine AS build
                RUN --mount=type=bind,from=tools,target=/t true
                FROM alpine AS unrelated
                FROM scratch AS final
                COPY --from=build /out /out
                """;
        BuildPlan p = plan(df, Map.of());
        assertEquals(3, p.target());
        assertEquals(List.of(true, true, false, true), p.stages().stream().map(PlannedStage::needed).toList());
        assertEquals(java.util.Set.of(1), p.stages().get(3).dependsOn());
        BuildPlan onlyTools = plan(df, Map.of(), "TOOLS", BaseImages.UNKNOWN);
        assertEquals(0, onlyTools.target());
        assertEquals(List.of(true, false, false, false), onlyTools.stages().stream().map(PlannedStage::needed).toList());
    }

    @Test
    void badImageReferencesAndForwardStageReferencesAreErrors() {
        assertEquals(List.of("1:6: invalid reference format: repository name (Alpine) must be lowercase: \"Alpine\""),
                errors(plan("FROM Alpine\n", Map.of())));
        assertEquals(List.of("1:6: FROM later names stage \"later\", which is defined later (a stage can only start "
                + "from an earlier stage)"), errors(plan("FROM later AS first\nFROM alpine AS later\n", Map.of(), "first", BaseImages.UNKNOWN)));
        assertEquals(List.of("1:6: base name ($EMPTY) should not be blank"), errors(plan("FROM $EMPTY\n", Map.of())));
    }

    @Test
    void anUnknownTargetGetsBuildKitsSuggestionOrTheStageNames() {
        String df = "FROM alpine AS build\nFROM alpine AS runtime\n";
        assertEquals(List.of("1:1: target stage \"buidl\" could not be found (did you mean build?)"),
                errors(plan(df, Map.of(), "buidl", BaseImages.UNKNOWN)));
        assertEquals(List.of("1:1: target stage \"Runtim\" could not be found (did you mean runtime?)"),
                errors(plan(df, Map.of(), "Runtim", BaseImages.UNKNOWN)));
        assertEquals(List.of("1:1: target stage \"test\" could not be found (stages: build, runtime)"),
                errors(plan(df, Map.of(), "test", BaseImages.UNKNOWN)));
    }

    @Test
    void problemsInStagesTheTargetDoesNotNeedAreWarnings() {
        BuildPlan p = plan("FROM Alpine AS broken\nFROM alpine\n", Map.of());
        assertTrue(p.ok());
        assertEquals(List.of("1:6: warning: invalid reference format: repository name (Alpine) must be lowercase: "
                + "\"Alpine\" (in stage broken, which the target does not need)"),
                p.diagnostics().stream().map(d -> d.format("").substring(1)).toList());
    }

    private static List<String> errors(BuildPlan p) {
        assertFalse(p.ok());
        return p.diagnostics().stream().filter(Diagnostic::isError).map(d -> d.format("").substring(1)).toList();
    }

    @Test
    void strictParsingNamesFileLineAndText() {
        DockerfileException e = assertThrows(DockerfileException.class,
                () -> DockerfileParser.parseStrict("build/Dockerfile", "FROM alpine\nFROB x\nBAD y\n"));
        assertEquals("build/Dockerfile:2:1: dockerfile parse error on line 2: unknown instruction: FROB "
                + "(did you mean FROM?) (and 1 more)", e.getMessage());
        assertEquals(2, e.diagnostics().size());
        assertEquals("build/Dockerfile", e.file());
    }
}
