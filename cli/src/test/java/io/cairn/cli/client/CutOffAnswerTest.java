package io.cairn.cli.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /**
     * A {@code load} whose daemon dies after its first progress line: the client must not take
     * the stream's end for a success. A request that asked for {@code Connection: close} would get a
     * close-delimited answer, which no client can tell from a cut one, so none may ask for it.
     */
    @Test
    void aStreamCutOffByADyingDaemonIsAnErrorNotASuccess(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("cairn.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            CompletableFuture<String> request = CompletableFuture.supplyAsync(() -> {
                try (SocketChannel c = server.accept()) {
                    String head = readUntil(c, "0\r\n\r\n"); // the head and the chunked upload
                    String line = "{\"status\":\"Loading layer\",\"progressDetail\":{\"current\":1,\"total\":2}}\n";
                    c.write(ByteBuffer.wrap(("HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(line.length()) + "\r\n" + line
                            + "\r\n").getBytes(StandardCharsets.US_ASCII)));
                    return head; // and close: the daemon died
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            ApiClient client = new ApiClient(dir, false);
            assertThrows(DaemonUnavailableException.class, () -> client.uploadStreaming("/images/load",
                    "application/x-tar", new ByteArrayInputStream(new byte[1024]), n -> { }, l -> true));
            String head = request.get().toLowerCase();
            org.junit.jupiter.api.Assertions.assertFalse(head.contains("connection: close"), head);
        }
        Files.deleteIfExists(socket);
    }

    private static String readUntil(SocketChannel c, String end) throws Exception {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(4096);
        while (!seen.toString(StandardCharsets.ISO_8859_1).contains(end) && c.read(b) > 0) {
            seen.write(b.array(), 0, b.position());
            b.clear();
        }
        return seen.toString(StandardCharsets.ISO_8859_1);
    }
}
