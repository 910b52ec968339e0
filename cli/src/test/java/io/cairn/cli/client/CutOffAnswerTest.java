package io.cairn.cli.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * An answer cut off by a daemon that died mid-way (CrashMatrixIT found it: {@code load} and
 * {@code save} reported success with a truncated stream) is an error, in both body framings.
 */
class CutOffAnswerTest {

    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aCompleteChunkedBodyReadsToItsEnd() throws Exception {
        byte[] body = new ChunkedInputStream(bytes("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")).readAllBytes();
        assertArrayEquals("hello world".getBytes(StandardCharsets.US_ASCII), body);
    }

    @Test
    void aChunkedBodyWithoutItsLastChunkIsCutOff() {
        assertThrows(EOFException.class, () -> new ChunkedInputStream(bytes("5\r\nhello\r\n")).readAllBytes());
        assertThrows(EOFException.class, () -> new ChunkedInputStream(bytes("5\r\nhello\r\n6\r\n wo")).readAllBytes());
        assertThrows(EOFException.class, () -> new ChunkedInputStream(bytes("5\r\nhel")).readAllBytes());
        assertThrows(EOFException.class, () -> new ChunkedInputStream(bytes("")).read());
    }

    @Test
    void aContentLengthBodyShortOfItsLengthIsCutOff() throws Exception {
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII),
                new BoundedInputStream(bytes("hello, and more"), 5).readAllBytes());
        assertThrows(EOFException.class, () -> new BoundedInputStream(bytes("hel"), 5).readAllBytes());
        assertThrows(EOFException.class, () -> new BoundedInputStream(bytes(""), 1).read());
    }
}
