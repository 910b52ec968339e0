package io.cairn.engine.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.InvalidArgumentException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** {@code X-Registry-Config} as Docker's clients send it, and as an attacker might. */
class RegistryAuthsTest {

    private static String header(String json) {
        return Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keysAreMatchedAsDockerMatchesThem() {
        String hub = Base64.getEncoder().encodeToString("hubuser:hubpw".getBytes(StandardCharsets.UTF_8));
        RegistryAuths auths = RegistryAuths.fromHeader(header("""
                {"https://index.docker.io/v1/": {"auth": "%s"},
                 "127.0.0.1:5000": {"username": "alice", "password": "pw", "serveraddress": "127.0.0.1:5000"},
                 "https://Registry.Example.com/v2/": {"identitytoken": "refresh"},
                 "empty.example": {}}
                """.formatted(hub)));
        assertEquals(new Credentials("hubuser", "hubpw", ""), auths.forDomain("docker.io"));
        assertEquals(new Credentials("alice", "pw", ""), auths.forDomain("127.0.0.1:5000"));
        assertEquals(new Credentials("", "", "refresh"), auths.forDomain("registry.example.com"));
        assertTrue(auths.forDomain("empty.example").anonymous());
        assertTrue(auths.forDomain("127.0.0.1:5001").anonymous(), "another port is another registry");
        assertFalse(auths.toString().contains("pw") || auths.toString().contains("refresh"), auths.toString());
    }

    @Test
    void absentOrEmptyIsAnonymous() {
        assertSame(RegistryAuths.NONE, RegistryAuths.fromHeader(null));
        assertSame(RegistryAuths.NONE, RegistryAuths.fromHeader(" "));
        assertSame(RegistryAuths.NONE, RegistryAuths.fromHeader(header("null")));
        assertTrue(RegistryAuths.fromHeader(header("{}")).forDomain("docker.io").anonymous());
        // the standard alphabet, as some clients send it
        String std = Base64.getEncoder().encodeToString("{\"h:1\":{\"username\":\"u\",\"password\":\"p>?\"}}"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("u", RegistryAuths.fromHeader(std).forDomain("h:1").username());
    }

    @Test
    void malformedHeadersAreRefusedWithoutEchoingThem() {
        for (String bad : new String[] {"%%%not base64", header("not json"), header("[1,2]"), header("{\"h\": \"x\"}"),
                header("{\"h\": {\"auth\": \"***secret***\"}}"), header("{\"h\": {\"username\": \"u\"} trailing")}) {
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> RegistryAuths.fromHeader(bad));
            assertTrue(e.getMessage().startsWith("X-Registry-Config: "), e.getMessage());
            assertFalse(e.getMessage().contains("secret"), e.getMessage());
        }
    }

    @Test
    void aHugeHeaderIsRefusedBeforeItIsDecoded() {
        String huge = header("{\"h\": {\"password\": \"" + "x".repeat(RegistryAuths.MAX_HEADER) + "\"}}");
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> RegistryAuths.fromHeader(huge));
        assertTrue(e.getMessage().contains("the limit is " + RegistryAuths.MAX_HEADER), e.getMessage());
    }
}
