package io.cairn.cli.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PortSpecsTest {

    private static Map<String, String> binding(String ip, String port) {
        return Map.of("HostIp", ip, "HostPort", port);
    }

    @Test
    void hostAndContainerPortsWithAnAddressAndAProtocol() {
        assertEquals(Map.of("80/tcp", List.of(binding("", "8080"))), PortSpecs.parse(List.of("8080:80")));
        assertEquals(Map.of("53/udp", List.of(binding("127.0.0.1", "5353"))),
                PortSpecs.parse(List.of("127.0.0.1:5353:53/udp")));
        assertEquals(Map.of("80/tcp", List.of(binding("127.0.0.1", ""))), PortSpecs.parse(List.of("127.0.0.1::80")));
    }

    @Test
    void aContainerPortAloneAsksForAnEphemeralHostPort() {
        assertEquals(Map.of("80/tcp", List.of(binding("", ""))), PortSpecs.parse(List.of("80")));
    }

    @Test
    void rangesPairPortByPortAndOnePortMayBePublishedTwice() {
        assertEquals(Map.of("80/tcp", List.of(binding("", "8080")), "81/tcp", List.of(binding("", "8081"))),
                PortSpecs.parse(List.of("8080-8081:80-81")));
        assertEquals(List.of(binding("", "8080"), binding("127.0.0.1", "9090")),
                PortSpecs.parse(List.of("8080:80", "127.0.0.1:9090:80")).get("80/tcp"));
    }

    @Test
    void exposeTakesPortsRangesAndProtocols() {
        assertEquals(List.of("80/tcp", "53/udp", "7000/tcp", "7001/tcp"),
                PortSpecs.expose(List.of("80", "53/udp", "7000-7001")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "80/sctp        | protocol \"sctp\" is not tcp or udp",
        "http           | \"http\" is not a port number",
        "0:80           | not a port or range within 1-65535",
        "8080:70000     | not a port or range within 1-65535",
        "8081-8080:80   | not a port or range within 1-65535",
        "8080-8082:80-81| ranges differ in size",
        "a:1:2:3        | expected [IP:][HOST:]CONTAINER[/PROTO]",
        "example.com:8080:80 | is not an IPv4 address",
        "''             | \"\" is not a port number",
    })
    void badPublishSpecsNameTheFlagAndTheReason(String spec, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PortSpecs.parse(List.of(spec)));
        assertTrue(e.getMessage().startsWith("--publish: invalid port spec \"" + spec + "\": "), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void badExposeSpecsNameTheirFlag() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PortSpecs.expose(List.of("80:80")));
        assertEquals("--expose: invalid port spec \"80:80\": \"80:80\" is not a port number", e.getMessage());
    }
}
