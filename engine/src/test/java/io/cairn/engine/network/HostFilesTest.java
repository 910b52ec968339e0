package io.cairn.engine.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cairn.api.InvalidArgumentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostFilesTest {

    private static final String DOCKER_HOSTS_HEAD = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
            + "fe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n";

    private static HostFiles.Content bridge(List<String> extra, List<String> dns, List<String> search, List<String> opts) {
        return new HostFiles.Content("web", "172.17.0.2", extra, dns, search, opts, false);
    }

    @Test
    void hostsAreDockersLinesThenAddHostsThenTheContainersAddress() throws Exception {
        assertEquals(DOCKER_HOSTS_HEAD + "10.0.0.5\tdb\n172.17.0.1\tgw\n172.17.0.2\tweb\n",
                HostFiles.hosts(bridge(List.of("db:10.0.0.5", "gw:172.17.0.1"), List.of(), List.of(), List.of())));
        assertEquals(DOCKER_HOSTS_HEAD, HostFiles.hosts(new HostFiles.Content("c", "", List.of(), List.of(), List.of(),
                List.of(), false)), "no address line on --network none");
        assertEquals(DOCKER_HOSTS_HEAD + "::1\tsix\n172.17.0.2\tweb\n",
                HostFiles.hosts(bridge(List.of("six:::1"), List.of(), List.of(), List.of())));
    }

    @Test
    void resolvConfTakesTheHostsServersButLoopbackOnesAndFallsBackToGoogles() {
        String host = "# comment\nnameserver 127.0.0.53\nnameserver 192.0.2.1\nsearch corp example\noptions ndots:2\n";
        assertEquals("nameserver 192.0.2.1\nsearch corp example\noptions ndots:2\n",
                HostFiles.resolv(bridge(List.of(), List.of(), List.of(), List.of()), host));
        assertEquals("nameserver 8.8.8.8\nnameserver 8.8.4.4\n",
                HostFiles.resolv(bridge(List.of(), List.of(), List.of(), List.of()), "nameserver 127.0.0.53\n"));
        assertEquals("nameserver 127.0.0.53\n", HostFiles.resolv(new HostFiles.Content("h", "", List.of(), List.of(),
                List.of(), List.of(), true), "nameserver 127.0.0.53\n"), "the host network keeps the host's resolver");
    }

    @Test
    void dnsFlagsReplaceTheirLines() {
        String host = "nameserver 192.0.2.1\nsearch corp\noptions ndots:2\n";
        assertEquals("nameserver 1.1.1.1\nnameserver 9.9.9.9\nsearch a.test b.test\noptions timeout:1 attempts:2\n",
                HostFiles.resolv(bridge(List.of(), List.of("1.1.1.1", "9.9.9.9"), List.of("a.test", "b.test"),
                        List.of("timeout:1", "attempts:2")), host));
        // a user network: the gateway, where aardvark-dns answers
        assertEquals("nameserver 10.213.1.1\nsearch corp\noptions ndots:2\n",
                HostFiles.resolv(bridge(List.of(), List.of("10.213.1.1"), List.of(), List.of()), host));
    }

    @Test
    void theThreeFilesAreWrittenIntoTheContainersDirectory(@TempDir Path dir) throws Exception {
        List<Path> files = HostFiles.write(dir, bridge(List.of(), List.of("1.1.1.1"), List.of(), List.of()));
        assertEquals(List.of(dir.resolve("hosts"), dir.resolve("hostname"), dir.resolve("resolv.conf")), files);
        assertEquals("web\n", Files.readString(dir.resolve("hostname")));
        assertEquals(DOCKER_HOSTS_HEAD + "172.17.0.2\tweb\n", Files.readString(dir.resolve("hosts")));
        assertEquals("nameserver 1.1.1.1\n", Files.readString(dir.resolve("resolv.conf")).lines().findFirst().orElse("") + "\n");
    }

    @Test
    void addHostEntriesAreChecked() {
        assertEquals("db:host-gateway", HostFiles.checkExtraHost("db:host-gateway"));
        for (String bad : List.of("db", "db:", ":1.2.3.4", "d b:1.2.3.4", "db:1.2.3.4\nevil", "db:not-an-ip")) {
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> HostFiles.checkExtraHost(bad));
            assertEquals(true, e.getMessage().contains("--add-host"), e.getMessage());
        }
    }
}
