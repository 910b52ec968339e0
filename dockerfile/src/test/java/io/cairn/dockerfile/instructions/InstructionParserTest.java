package io.cairn.dockerfile.instructions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.dockerfile.Diagnostic;
import io.cairn.dockerfile.Word;
import io.cairn.dockerfile.parser.DockerfileParser;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * From the parser's nodes to typed instructions: each instruction's flags and forms, stages and
 * their names, and the errors Docker's builder reports for malformed instructions; then the
 * expansion rules (which words are expanded, which are left to the shell).
 */
class InstructionParserTest {

    private static DockerfileModel parse(String text) {
        return InstructionParser.parse(DockerfileParser.parse(text));
    }

    private static List<String> texts(List<Word> words) {
        return words.stream().map(Word::text).toList();
    }

    @Test
    void stagesGlobalArgsAndFrom() {
        DockerfileModel m = parse("""
                ARG BASE=alpine
                FROM $BASE AS Build
                RUN make
                FROM --platform=linux/arm64 scratch
                COPY --from=build /out /
                """);
        assertTrue(m.ok(), m.diagnostics().toString());
        assertEquals(1, m.globalArgs().size());
        ArgDecl base = m.globalArgs().get(0).args().get(0);
        assertEquals("BASE", base.name().text());
        assertEquals("alpine", base.defaultValue().orElseThrow().text());
        assertEquals(2, m.stages().size());
        Stage build = m.stages().get(0);
        assertEquals(Optional.of("build"), build.name(), "stage names are case-insensitive, kept lowercase");
        assertEquals("$BASE", build.from().image().text(), "FROM is expanded by the planner, not here");
        assertTrue(m.stage("BUILD").isPresent());
        assertEquals("linux/arm64", m.stages().get(1).from().platform().orElseThrow().text());
        Copy copy = assertInstanceOf(Copy.class, m.stages().get(1).instructions().get(0));
        assertEquals("build", copy.from().orElseThrow().text());
        assertEquals("/", copy.spec().destination().text());
    }

    @Test
    void shellAndExecFormsAndHealthchecks() {
        DockerfileModel m = parse("""
                FROM busybox
                CMD ["echo", "hi"]
                ENTRYPOINT /bin/run --flag
                HEALTHCHECK --interval=30s --timeout=5s --retries=3 CMD curl -f http://localhost/
                """);
        assertTrue(m.ok(), m.diagnostics().toString());
        List<Instruction> in = m.stages().get(0).instructions();
        CommandForm.ExecForm cmd = assertInstanceOf(CommandForm.ExecForm.class, ((Cmd) in.get(0)).command());
        assertEquals(List.of("echo", "hi"), texts(cmd.argv()));
        CommandForm.ShellForm entry = assertInstanceOf(CommandForm.ShellForm.class, ((Entrypoint) in.get(1)).command());
        assertEquals("/bin/run --flag", entry.script().text());
        HealthConfig health = ((Healthcheck) in.get(2)).config().orElseThrow();
        assertEquals(Duration.ofSeconds(30), health.interval());
        assertEquals(Duration.ofSeconds(5), health.timeout());
        assertEquals(3, health.retries());
        assertEquals(Duration.ZERO, health.startPeriod(), "unset means inherit");
        assertEquals(Optional.empty(), ((Healthcheck) parse("FROM a\nHEALTHCHECK NONE\n").stages().get(0)
                .instructions().get(0)).config(), "NONE disables the image's check");
    }

    @Test
    void keyValueInstructionsInBothForms() {
        DockerfileModel m = parse("""
                FROM busybox
                ENV A=1 B="two words"
                ENV LEGACY value with spaces
                LABEL "com.example.vendor"="ACME" version=1.0
                EXPOSE 80/tcp 443
                VOLUME ["/data", "/logs"]
                """);
        assertTrue(m.ok(), m.diagnostics().toString());
        List<Instruction> in = m.stages().get(0).instructions();
        List<KeyValue> env = ((Env) in.get(0)).variables();
        assertEquals(List.of("A", "B"), env.stream().map(kv -> kv.key().text()).toList());
        assertEquals("\"two words\"", env.get(1).value().text(), "quotes stay until expansion (the shell lexer removes them)");
        KeyValue legacy = ((Env) in.get(1)).variables().get(0);
        assertEquals("LEGACY", legacy.key().text());
        assertEquals("value with spaces", legacy.value().text(), "ENV KEY VALUE: the rest of the line");
        assertEquals(List.of("\"com.example.vendor\"", "version"), ((Label) in.get(2)).labels().stream()
                .map(kv -> kv.key().text()).toList());
        assertEquals(List.of("80/tcp", "443"), texts(((Expose) in.get(3)).ports()));
        assertEquals(List.of("/data", "/logs"), texts(((Volume) in.get(4)).paths()));
    }

    @Test
    void runMountsAndCopyFlags() {
        DockerfileModel m = parse("""
                FROM busybox
                RUN --mount=type=cache,target=/root/.cache,sharing=locked,id=pip --network=none pip install x
                COPY --chown=app:app --chmod=0644 --link a.txt b.txt /dst/
                """);
        assertTrue(m.ok(), m.diagnostics().toString());
        Run run = (Run) m.stages().get(0).instructions().get(0);
        Mount cache = run.mounts().get(0);
        assertEquals(Mount.Type.CACHE, cache.type());
        assertEquals("/root/.cache", cache.target());
        assertEquals(Mount.Sharing.LOCKED, cache.sharing());
        assertEquals(Optional.of("pip"), cache.id());
        assertFalse(cache.readOnly(), "a cache is writable by default");
        assertEquals(Optional.of("none"), run.network());
        Copy copy = (Copy) m.stages().get(0).instructions().get(1);
        assertEquals("app:app", copy.spec().chown().orElseThrow().text());
        assertEquals("0644", copy.spec().chmod().orElseThrow().text());
        assertTrue(copy.spec().link());
        assertEquals(List.of("a.txt", "b.txt"), copy.spec().sources().stream()
                .map(s -> ((CopySource.Path) s).path().text()).toList());
        Mount bind = ((Run) parse("FROM a\nRUN --mount=target=/src make\n").stages().get(0).instructions().get(0))
                .mounts().get(0);
        assertEquals(Mount.Type.BIND, bind.type(), "bind is the default type");
        assertTrue(bind.readOnly(), "a bind mount is read-only by default");
    }

    @Test
    void malformedInstructionsAreErrorsAtTheirLine() {
        DockerfileModel m = parse("""
                FROM busybox
                RUN --mount=type=nfs,target=/x true
                COPY only-one-argument
                EXPOSE
                """);
        assertFalse(m.ok());
        List<Diagnostic> errors = m.diagnostics().stream().filter(Diagnostic::isError).toList();
        assertEquals(List.of(2, 3, 4), errors.stream().map(d -> d.position().line()).toList(), errors.toString());
    }

    @Test
    void expansionTouchesDockersExpandableWordsOnly() throws Exception {
        DockerfileModel m = parse("""
                FROM busybox
                ENV $K=$V
                RUN echo $V
                WORKDIR /srv/$V
                CMD ["$V"]
                """);
        Expander expander = new Expander(text -> text.replace("$K", "KEY").replace("$V", "val"));
        List<Instruction> in = m.stages().get(0).instructions();
        KeyValue env = ((Env) expander.expand(in.get(0))).variables().get(0);
        assertEquals("KEY", env.key().text());
        assertEquals("val", env.value().text());
        assertEquals("echo $V", ((CommandForm.ShellForm) ((Run) expander.expand(in.get(1))).command()).script().text(),
                "RUN is the shell's to expand");
        assertEquals("/srv/val", ((Workdir) expander.expand(in.get(2))).path().text());
        assertEquals(List.of("$V"), texts(((CommandForm.ExecForm) ((Cmd) expander.expand(in.get(3))).command()).argv()),
                "exec-form CMD is never expanded");
        assertEquals(in.get(2).node(), expander.expand(in.get(2)).node(), "same node, for positions in errors");
    }
}
