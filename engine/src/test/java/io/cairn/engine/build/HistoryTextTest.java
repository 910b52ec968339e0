package io.cairn.engine.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.dockerfile.instructions.Instruction;
import io.cairn.dockerfile.instructions.InstructionParser;
import io.cairn.dockerfile.parser.DockerfileParser;
import io.cairn.dockerfile.plan.BaseImages;
import io.cairn.dockerfile.plan.BuildOptions;
import io.cairn.dockerfile.plan.Planner;
import io.cairn.dockerfile.plan.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryTextTest {

    /** Expands and applies each instruction of {@code body} (after FROM) and returns its created_by. */
    private static List<String> history(String body) {
        List<Instruction> ins = Planner.plan(InstructionParser.parse(DockerfileParser.parse("FROM x\n" + body)),
                BuildOptions.defaults(), BaseImages.UNKNOWN).stages().get(0).steps().stream().map(Step::instruction).toList();
        Map<String, Object> image = new LinkedHashMap<>(Map.of("config", new LinkedHashMap<>()));
        return ins.stream().map(in -> {
            ConfigEditor.apply(image, in, in instanceof io.cairn.dockerfile.instructions.Cmd);
            return HistoryText.of(in, ConfigEditor.config(image));
        }).toList();
    }

    @Test
    void metadataEntriesReadAsBuildKitWritesThem() {
        assertEquals(List.of(
                        "ENV A=1 B=two words",
                        "LABEL a=b c d=e",
                        "EXPOSE map[443/tcp:{} 80/udp:{} 8000/tcp:{} 8001/tcp:{}]",
                        "VOLUME [/vol /data]",
                        "STOPSIGNAL SIGINT",
                        "USER nobody",
                        "SHELL [/bin/sh -ec]",
                        "ENTRYPOINT [\"/bin/sh\" \"-c\"]",
                        "CMD [\"/bin/sh\" \"-ec\" \"echo \\\"hi\\\"\\tthere\"]",
                        "HEALTHCHECK &{[\"CMD\" \"/app\" \"true\"] \"1m30s\" \"1.5s\" \"0s\" \"0s\" '\\x03'}",
                        "MAINTAINER someone",
                        "ONBUILD RUN make"),
                history("""
                        ENV A=1 B="two words"
                        LABEL a=b "c d"=e
                        EXPOSE 80/udp 443 8000-8001
                        VOLUME ["/vol", "/data"]
                        STOPSIGNAL SIGINT
                        USER nobody
                        SHELL ["/bin/sh", "-ec"]
                        ENTRYPOINT ["/bin/sh", "-c"]
                        CMD echo "hi"\tthere
                        HEALTHCHECK --interval=90s --timeout=1500ms --retries=3 CMD ["/app", "true"]
                        MAINTAINER someone
                        ONBUILD RUN make
                        """));
    }

    @Test
    void goFormattingOfDurationsStringsAndRunes() {
        assertEquals("0s", HistoryText.goDuration(0));
        assertEquals("500ms", HistoryText.goDuration(500_000_000L));
        assertEquals("1.5\u00b5s", HistoryText.goDuration(1_500));
        assertEquals("1h0m0s", HistoryText.goDuration(3_600_000_000_000L));
        assertEquals("2m0.25s", HistoryText.goDuration(120_250_000_000L));
        assertEquals("\"a\\\\b\\x01é\"", HistoryText.goQuote("a\\b\u0001é"));
        assertEquals("'\\x00'", HistoryText.goRune(0));
        assertEquals("'A'", HistoryText.goRune(65));
    }
}
