package io.cairn.bench.startup;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code InfoProbe MODE SOCKET}: one {@code GET /info} over the daemon's unix socket, printed as
 * {@code cairn info} prints it, with no picocli. MODE {@code jackson} reads the body with
 * {@link ObjectMapper#readTree} (as the CLI does); MODE {@code flat} with jackson-core's streaming
 * parser alone ({@link #scalars}, the client's streaming-path reader). Timing the two as whole
 * processes, next to {@code cairn info} itself, splits the client's start-up into JVM + socket,
 * databind, and picocli + the CLI's own classes.
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
            info = scalars(body);
        }
        StringBuilder out = new StringBuilder("Server:\n");
        for (String k : new String[] {"ServerVersion", "DockerRootDir", "JournalIndex", "LastApplied", "Durability",
                "Containers", "Images", "Volumes", "Driver", "DefaultRuntime", "KernelVersion", "OperatingSystem", "NCPU",
                "MemTotal", "Pid"}) {
            out.append(' ').append(k).append(": ").append(info.getOrDefault(k, "")).append('\n');
        }
        System.out.print(out);
    }

    /**
     * The top-level members of the object in {@code json} whose values are strings, numbers, booleans
     * or null, as text (strings unescaped, numbers verbatim, null as {@code null}), in document order;
     * nested objects and arrays are skipped. Read with jackson-core's parser: no databind.
     *
     * @throws IllegalArgumentException naming the offset of malformed input
     */
    static Map<String, String> scalars(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("expected a JSON object at offset "
                        + p.currentTokenLocation().getCharOffset());
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken value = p.nextToken();
                if (value.isStructStart()) {
                    p.skipChildren();
                } else {
                    out.put(key, p.getText());
                }
            }
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("text after the object at offset "
                        + p.currentTokenLocation().getCharOffset());
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage() + " at offset "
                    + e.getLocation().getCharOffset() + " of a " + json.length() + "-character JSON text", e);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
