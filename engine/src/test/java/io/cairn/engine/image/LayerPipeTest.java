package io.cairn.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link LayerPipe}: bytes arrive whole and in order, and neither side can leave the other waiting. */
class LayerPipeTest {

    private static final Duration LIMIT = Duration.ofSeconds(20);

    @Test
    void bytesArriveWholeAndInOrderAcrossThreads() {
        byte[] content = new byte[3_000_017];
        new Random(1).nextBytes(content);
        assertTimeoutPreemptively(LIMIT, () -> {
            LayerPipe pipe = new LayerPipe();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = pipe.sink();
                    int at = 0;
                    int[] sizes = {1, 0, 512, 65_536, 10_240, 200_000};
                    for (int i = 0; at < content.length; i++) {
                        int n = Math.min(sizes[i % sizes.length], content.length - at);
                        if (n == 1) {
                            out.write(content[at]);
                        } else {
                            out.write(content, at, n);
                        }
                        at += n;
                    }
                    pipe.finish();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            try (InputStream in = pipe.source()) {
                byte[] buf = new byte[7_000];
                for (int n; (n = in.read(buf)) >= 0; ) {
                    got.write(buf, 0, n);
                }
                assertEquals(-1, in.read(), "the end stays the end");
            }
            writer.get(10, TimeUnit.SECONDS);
            assertArrayEquals(content, got.toByteArray());
        });
    }

    @Test
    void aWriterThatFailsMidwayMakesTheReaderThrowWithItsCause() {
        assertTimeoutPreemptively(LIMIT, () -> {
            LayerPipe pipe = new LayerPipe();
            IOException cause = new IOException("cannot read /upper/f7");
            CompletableFuture.runAsync(() -> {
                try {
                    pipe.sink().write(new byte[100_000]);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                pipe.fail(cause);
            });
            InputStream in = pipe.source();
            IOException e = assertThrows(IOException.class, () -> in.readAllBytes());
            assertSame(cause, e.getCause());
            assertTrue(e.getMessage().contains("/upper/f7"), e.getMessage());
        });
    }

    @Test
    void aReaderThatStopsEarlyMakesABlockedWriterFailInsteadOfWaiting() {
        assertTimeoutPreemptively(LIMIT, () -> {
            LayerPipe pipe = new LayerPipe();
            CompletableFuture<Throwable> writer = CompletableFuture.supplyAsync(() -> {
                byte[] chunk = new byte[65_536];
                try {
                    for (int i = 0; i < 10_000; i++) { // far more than the pipe holds: the writer blocks
                        pipe.sink().write(chunk);
                    }
                    pipe.finish();
                    return null;
                } catch (IOException e) {
                    return e;
                }
            });
            InputStream in = pipe.source();
            in.readNBytes(100_000); // the unpacker refuses an entry here
            in.close();
            Throwable failure = writer.get(10, TimeUnit.SECONDS);
            assertTrue(failure instanceof IOException, String.valueOf(failure));
            assertTrue(failure.getMessage().contains("reader stopped"), failure.getMessage());
        });
    }

    @Test
    void anInterruptedReaderGetsAnInterruptedIoException() {
        assertTimeoutPreemptively(LIMIT, () -> {
            LayerPipe pipe = new LayerPipe();
            Thread.currentThread().interrupt();
            try {
                assertThrows(InterruptedIOException.class, () -> pipe.source().read(new byte[10]));
                assertTrue(Thread.interrupted(), "the interrupt is kept");
            } finally {
                Thread.interrupted();
            }
        });
    }
}
