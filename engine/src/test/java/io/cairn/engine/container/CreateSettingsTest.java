package io.cairn.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.event.DeviceMapping;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What create refuses among the later flags, as Docker does, before anything runs. */
class CreateSettingsTest {

    @Test
    void onlyNamespacedSysctls() {
        CreateSettings.checkSysctl("net.ipv4.ip_forward", "1", "none");
        CreateSettings.checkSysctl("kernel.shmmax", "65536", "none");
        CreateSettings.checkSysctl("kernel.sem", "250 32000 32 128", "none");
        CreateSettings.checkSysctl("fs.mqueue.msg_max", "10", "none");
        assertEquals("sysctl 'kernel.hostname' is not allowed", assertThrows(InvalidArgumentException.class,
                () -> CreateSettings.checkSysctl("kernel.hostname", "x", "none")).getMessage());
        assertThrows(InvalidArgumentException.class, () -> CreateSettings.checkSysctl("vm.swappiness", "1", "none"));
        assertThrows(InvalidArgumentException.class, () -> CreateSettings.checkSysctl("net.ipv4.ip_forward", "1", "host"));
        // hostile shapes: a path, a newline that would add a second write
        assertThrows(InvalidArgumentException.class, () -> CreateSettings.checkSysctl("net/../../kernel/x", "1", "none"));
        assertThrows(InvalidArgumentException.class, () -> CreateSettings.checkSysctl("net.ipv4.ip_forward", "1\n0", "none"));
    }

    @Test
    void devicesMustBeDeviceNodes(@TempDir Path dir) throws Exception {
        Devices.check(new DeviceMapping("/dev/null", "/dev/x", "rwm"));
        Path file = Files.createFile(dir.resolve("file"));
        assertThrows(InvalidArgumentException.class, () -> Devices.check(new DeviceMapping(file.toString(), "/dev/x", "rwm")));
        Path link = Files.createSymbolicLink(dir.resolve("link"), Path.of("/dev/null"));
        Devices.Node node = Devices.node(new DeviceMapping(link.toString(), "/dev/x", "r"));
        assertEquals('c', node.type());
        assertEquals(1, node.major());
        assertEquals(3, node.minor());
        assertThrows(InvalidArgumentException.class, () -> Devices.check(new DeviceMapping("/dev/null", "relative", "rwm")));
        assertThrows(InvalidArgumentException.class, () -> Devices.check(new DeviceMapping("/dev/null", "/", "rwm")));
        assertThrows(InvalidArgumentException.class, () -> Devices.check(new DeviceMapping("/dev/null", "/dev/x", "rwx")));
        assertThrows(InvalidArgumentException.class, () -> Devices.check(new DeviceMapping("/dev/none-such", "/dev/x", "r")));
    }
}
