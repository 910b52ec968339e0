package io.cairn.cli.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildSecretsTest {

    @TempDir
    Path dir;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void secretsComeFromAFileAnEnvironmentVariableOrTheIdAsBuildxReadsThem() throws Exception {
        Path file = Files.writeString(dir.resolve("cred"), "from-file");
        Map<String, String> env = Map.of("TOKEN", "from-env", "API", "api-env");
        Map<String, byte[]> s = BuildSecrets.secrets(List.of("id=a,src=" + file, "id=b,env=TOKEN", "id=API",
                "source=" + file, "env=TOKEN,id=c,type=env"), env::get);
        assertArrayEquals(utf8("from-file"), s.get("a"));
        assertArrayEquals(utf8("from-env"), s.get("b"));
        assertArrayEquals(utf8("api-env"), s.get("API"), "id alone: the variable of that name when it is set");
        assertArrayEquals(utf8("from-file"), s.get("cred"), "no id: the file's name");
        assertArrayEquals(utf8("from-env"), s.get("c"));
    }

    @Test
    void badSecretFlagsNameTheFlag() {
        Map<String, String> env = Map.of();
        assertTrue(assertThrows(BuildSecrets.BadFlag.class, () -> BuildSecrets.secrets(List.of("id=x,env=NOPE"), env::get))
                .getMessage().contains("--secret id=x,env=NOPE: environment variable NOPE is not set"));
        assertTrue(assertThrows(BuildSecrets.BadFlag.class, () -> BuildSecrets.secrets(List.of("id=x,colour=red"), env::get))
                .getMessage().contains("unexpected key \"colour\""));
        assertTrue(assertThrows(BuildSecrets.BadFlag.class, () -> BuildSecrets.secrets(List.of("justtext"), env::get))
                .getMessage().contains("is not KEY=VALUE"));
        assertTrue(assertThrows(BuildSecrets.BadFlag.class, () -> BuildSecrets.secrets(List.of("id=x,type=vault"), env::get))
                .getMessage().contains("type must be file or env"));
        assertTrue(assertThrows(BuildSecrets.BadFlag.class, () -> BuildSecrets.secrets(List.of("id=missing-file"), env::get))
                .getMessage().contains("cannot read missing-file"));
    }

    @Test
    void sshForwardsAgentSocketsAndRefusesKeyFiles() throws Exception {
        Path key = Files.writeString(dir.resolve("id_ed25519"), "-----BEGIN OPENSSH PRIVATE KEY-----");
        Map<String, String> env = Map.of("SSH_AUTH_SOCK", dir.toString());
        assertEquals(Map.of("default", dir.toString()), BuildSecrets.agents(List.of("default"), env::get));
        assertTrue(assertThrows(BuildSecrets.BadFlag.class, () -> BuildSecrets.agents(List.of("default=" + key), env::get))
                .getMessage().contains("is a file; Cairn forwards an ssh-agent socket, not keys"));
        assertTrue(assertThrows(BuildSecrets.BadFlag.class, () -> BuildSecrets.agents(List.of("default"), k -> null))
                .getMessage().contains("SSH_AUTH_SOCK is not set"));
        assertTrue(assertThrows(BuildSecrets.BadFlag.class, () -> BuildSecrets.agents(List.of("work"), env::get))
                .getMessage().contains("give the agent socket: --ssh work=SOCKET"));
    }
}
