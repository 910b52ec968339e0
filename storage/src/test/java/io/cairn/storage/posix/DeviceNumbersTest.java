package io.cairn.storage.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DeviceNumbersTest {

    @Test
    void encodesLikeGlibc() {
        // Values from glibc's makedev(): (8,1) -> 0x801; (0x1234, 0x56789) spreads over the high bits.
        assertEquals(0x801L, DeviceNumbers.makedev(8, 1));
        assertEquals(0x0000_1000_5672_3489L, DeviceNumbers.makedev(0x1234, 0x56789));
    }

    @Test
    void decodesWhatItEncodes() {
        long[][] cases = {{0, 0}, {1, 3}, {8, 1}, {259, 65536}, {0xfff, 0xff}, {0x1234, 0x56789}, {0xffffffffL, 0xffffffffL}};
        for (long[] c : cases) {
            long dev = DeviceNumbers.makedev(c[0], c[1]);
            assertEquals(c[0], DeviceNumbers.major(dev), "major of " + c[0] + ":" + c[1]);
            assertEquals(c[1], DeviceNumbers.minor(dev), "minor of " + c[0] + ":" + c[1]);
        }
    }

    @Test
    void decodesDevNullFromLstat() throws Exception {
        long rdev = Posix.lstat(Path.of("/dev/null")).rdev();
        assertEquals(1, DeviceNumbers.major(rdev));
        assertEquals(3, DeviceNumbers.minor(rdev));
    }
}
