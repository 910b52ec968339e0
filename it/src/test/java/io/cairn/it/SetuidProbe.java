package io.cairn.it;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;

/**
 * A static program of a few bytes that exits with its effective uid (mod 256): 0 means it ran as
 * root. Installed setuid-root in an image, it shows who can gain root through it: whoever runs it
 * and gets 0. Written here rather than compiled so that the tests need no C toolchain.
 */
public final class SetuidProbe {

    /** What the probe exits with when it ran as nobody (65534 mod 256). */
    public static final int NOBODY = 65534 % 256;

    private static final long BASE = 0x400000;
    private static final int EHDR = 64;
    private static final int PHDR = 56;

    private SetuidProbe() {
    }

    /** The ELF executable for this machine (x86-64 or aarch64). */
    public static byte[] executable() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            // mov eax,107 (geteuid); syscall; mov edi,eax; mov eax,60 (exit); syscall
            case "amd64", "x86_64" -> elf(0x3e, HexFormat.of().parseHex("b86b0000000f0589c7b83c0000000f05"));
            // mov x8,#175 (geteuid); svc #0; mov x8,#93 (exit, x0 = euid); svc #0
            case "aarch64" -> elf(0xb7, words(0xd28015e8, 0xd4000001, 0xd2800ba8, 0xd4000001));
            default -> throw new AssertionError("no setuid probe for " + arch + ": add its four instructions");
        };
    }

    private static byte[] elf(int machine, byte[] code) {
        int size = EHDR + PHDR + code.length;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}).put(new byte[8]); // 64-bit, little-endian, SysV
        b.putShort((short) 2).putShort((short) machine).putInt(1); // ET_EXEC, machine, version
        b.putLong(BASE + EHDR + PHDR).putLong(EHDR).putLong(0); // entry, program headers, no sections
        b.putInt(0).putShort((short) EHDR).putShort((short) PHDR).putShort((short) 1) // one program header
                .putShort((short) 0).putShort((short) 0).putShort((short) 0);
        b.putInt(1).putInt(5).putLong(0).putLong(BASE).putLong(BASE) // PT_LOAD, r-x, the whole file at BASE
                .putLong(size).putLong(size).putLong(0x1000);
        b.put(code);
        return b.array();
    }

    private static byte[] words(int... instructions) {
        ByteBuffer b = ByteBuffer.allocate(instructions.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i : instructions) {
            b.putInt(i);
        }
        return b.array();
    }
}
