package io.cairn.bench.startup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * {@code InfoProbe MODE SOCKET}: one {@code GET /info} over the daemon's unix socket, printed as
 * {@code cairn info} prints it, with no picocli. MODE {@code jackson} reads the body with
 * {@link ObjectMapper#readTree} (as the CLI does); MODE {@code flat} with {@link FlatJson}. Timing
 * the two as whole processes, next to {@code cairn info} itself, splits the client's start-up into
 * JVM + socket, Jackson, and picocli + the CLI's own classes.
 */
public final class InfoProbe {

    private InfoProbe() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !(args[0].equals("jackson") || args[0].equals("flat"))) {
            System.err.println("usage: InfoProbe jackson|flat SOCKET");
            System.exit(2);
        }
        String body = get(Path.of(args[1]), "/info");
        Map<String, String> info;
        if (args[0].equals("jackson")) {
            JsonNode n = new ObjectMapper().readTree(body);
            info = new java.util.LinkedHashMap<>();
            for (var it = n.fields(); it.hasNext(); ) {
                var e = it.next();
                info.put(e.getKey(), e.getValue().asText());
            }
        } else {
            info = FlatJson.read(body);
        }
        StringBuilder out = new StringBuilder("Server:\n");
        for (String k : new String[] {"ServerVersion", "DockerRootDir", "JournalIndex", "LastApplied", "Durability",
                "Containers", "Images", "Volumes", "Driver", "DefaultRuntime", "KernelVersion", "OperatingSystem", "NCPU",
                "MemTotal", "Pid"}) {
            out.append(' ').append(k).append(": ").append(info.getOrDefault(k, "")).append('\n');
        }
        System.out.print(out);
    }

    /** The body of a {@code GET path} (status 200 only; chunked or not). */
    static String get(Path socket, String path) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream(4096);
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: cairn\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buf = ByteBuffer.allocate(8192);
            while (ch.read(buf) >= 0) {
                raw.write(buf.array(), 0, buf.position());
                buf.clear();
            }
        }
        String response = raw.toString(StandardCharsets.UTF_8);
        int headEnd = response.indexOf("\r\n\r\n");
        if (headEnd < 0 || !response.startsWith("HTTP/1.1 200")) {
            throw new IOException("GET " + path + " on " + socket + ": unexpected response "
                    + response.substring(0, Math.min(80, response.length())));
        }
        String body = response.substring(headEnd + 4);
        return response.substring(0, headEnd).toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")
                ? dechunk(body) : body;
    }

    static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder(chunked.length());
        int i = 0;
        while (true) {
            int eol = chunked.indexOf("\r\n", i);
            int size = Integer.parseInt(chunked.substring(i, eol).trim().split(";")[0], 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(chunked, eol + 2, eol + 2 + size);
            i = eol + 2 + size + 2;
        }
    }
}
