package io.cairn.cli.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code ps}'s PORTS column from the API's {@code Ports}, as the docker CLI writes it. */
class PsPortsTest {

    @Test
    void exposedPortsFirstThenPublishedOnesWithTheirHostSide() throws Exception {
        var ports = new ObjectMapper().readTree("""
                [{"IP":"0.0.0.0","PrivatePort":80,"PublicPort":8080,"Type":"tcp"},
                 {"PrivatePort":81,"Type":"tcp"},
                 {"IP":"127.0.0.1","PrivatePort":53,"PublicPort":5353,"Type":"udp"}]""");
        assertEquals("81/tcp, 0.0.0.0:8080->80/tcp, 127.0.0.1:5353->53/udp", PsCommand.ports(ports));
        assertEquals("", PsCommand.ports(new ObjectMapper().readTree("[]")));
    }
}
