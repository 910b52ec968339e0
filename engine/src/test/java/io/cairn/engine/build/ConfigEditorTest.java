package io.cairn.engine.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cairn.dockerfile.instructions.DockerfileModel;
import io.cairn.dockerfile.instructions.Instruction;
import io.cairn.dockerfile.instructions.InstructionParser;
import io.cairn.dockerfile.parser.DockerfileParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Metadata instructions against an image config, with Docker's rules. */
class ConfigEditorTest {

    private static Map<String, Object> apply(Map<String, Object> image, String dockerfile) {
        DockerfileModel model = InstructionParser.parse(DockerfileParser.parse("FROM scratch\n" + dockerfile));
        boolean cmdSet = false;
        for (Instruction in : model.stages().get(0).instructions()) {
            cmdSet |= in.keyword().equals("CMD");
            ConfigEditor.apply(image, in, cmdSet);
        }
        return ConfigEditor.config(image);
    }

    private static Map<String, Object> base() {
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("config", new LinkedHashMap<>(Map.of("Cmd", List.of("/bin/sh"), "Env", List.of("PATH=/bin"))));
        return image;
    }

    @Test
    void entrypointResetsAnInheritedCmdButNotOneSetInTheStage() {
        assertFalse(apply(base(), "ENTRYPOINT [\"/app\"]\n").containsKey("Cmd"));
        Map<String, Object> c = apply(base(), "CMD [\"--help\"]\nENTRYPOINT [\"/app\"]\n");
        assertEquals(List.of("--help"), c.get("Cmd"));
        assertEquals(List.of("/app"), c.get("Entrypoint"));
    }

    @Test
    void shellFormGoesThroughTheStagesShell() {
        Map<String, Object> c = apply(base(), "CMD echo hi\nSHELL [\"/bin/bash\", \"-ec\"]\nENTRYPOINT run me\n");
        assertEquals(List.of("/bin/bash", "-ec", "run me"), c.get("Entrypoint"));
        assertEquals(List.of("/bin/sh", "-c", "echo hi"), c.get("Cmd"));
    }

    @Test
    void envLabelsPortsVolumesWorkdirUserStopsignal() {
        Map<String, Object> c = apply(base(), "ENV PATH=/usr/bin A=1\nLABEL l=v\nEXPOSE 80 53/udp\nVOLUME /data\n"
                + "WORKDIR /srv\nWORKDIR app/../www\nUSER nobody:nogroup\nSTOPSIGNAL SIGINT\n");
        assertEquals(List.of("PATH=/usr/bin", "A=1"), c.get("Env"));
        assertEquals(Map.of("l", "v"), c.get("Labels"));
        assertEquals(Map.of("80/tcp", Map.of(), "53/udp", Map.of()), c.get("ExposedPorts"));
        assertEquals(Map.of("/data", Map.of()), c.get("Volumes"));
        assertEquals("/srv/www", c.get("WorkingDir"));
        assertEquals("nobody:nogroup", c.get("User"));
        assertEquals("SIGINT", c.get("StopSignal"));
    }

    @Test
    void healthcheckAndOnbuild() {
        Map<String, Object> c = apply(base(), "HEALTHCHECK --interval=5s --retries=2 CMD wget -q localhost\nONBUILD RUN make\n");
        @SuppressWarnings("unchecked")
        Map<String, Object> h = (Map<String, Object>) c.get("Healthcheck");
        assertEquals(List.of("CMD-SHELL", "wget -q localhost"), h.get("Test"));
        assertEquals(5_000_000_000L, h.get("Interval"));
        assertEquals(2, h.get("Retries"));
        assertEquals(List.of("RUN make"), c.get("OnBuild"));
        assertEquals(List.of("NONE"), ((Map<?, ?>) apply(base(), "HEALTHCHECK NONE\n").get("Healthcheck")).get("Test"));
    }
}
