package io.cairn.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 exchange on the daemon's socket with {@code Connection: close}, the answer read to
 * its end: status, headers (lower-case names) and the raw body (chunks joined). For the archive
 * endpoints, whose headers and binary bodies the CLI hides.
 */
final class UnixExchange {

    record Answer(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private UnixExchange() {
    }

    static Answer send(Path socket, String method, String target, byte[] body) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: cairn\r\nConnection: close\r\n");
            if (body != null) {
                head.append("Content-Type: application/x-tar\r\nContent-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            ch.write(ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.US_ASCII)));
            if (body != null) {
                ByteBuffer b = ByteBuffer.wrap(body);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
            InputStream in = Channels.newInputStream(ch);
            return read(in, method.equals("HEAD"));
        }
    }

    /** Reads the status line and headers, then the body (none for HEAD). */
    static Answer read(InputStream in, boolean head) throws IOException {
        String status = line(in);
        int code = Integer.parseInt(status.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l = line(in); !l.isEmpty(); l = line(in)) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
        }
        if (head) {
            return new Answer(code, headers, new byte[0]);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            while (true) {
                int size = Integer.parseInt(line(in).split(";")[0].trim(), 16);
                if (size == 0) {
                    break;
                }
                out.write(in.readNBytes(size));
                line(in);
            }
        } else if (headers.containsKey("content-length")) {
            out.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else {
            out.write(in.readAllBytes());
        }
        return new Answer(code, headers, out.toByteArray());
    }

    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed mid-line: " + b);
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    /** A minimal ustar archive: entries of (name, type flag, link target, content), as a hostile client writes them. */
    static byte[] tar(String[]... entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String[] e : entries) {
            byte[] content = e.length > 3 ? e[3].getBytes(StandardCharsets.UTF_8) : new byte[0];
            byte[] h = new byte[512];
            put(h, 0, e[0], 100);
            put(h, 100, e[1].equals("5") ? "0000755" : "0000644", 8);
            put(h, 108, "0000000", 8);
            put(h, 116, "0000000", 8);
            put(h, 124, String.format("%011o", content.length), 12);
            put(h, 136, "00000000000", 12);
            for (int i = 148; i < 156; i++) {
                h[i] = ' ';
            }
            h[156] = (byte) e[1].charAt(0);
            put(h, 157, e[2], 100);
            put(h, 257, "ustar", 6);
            put(h, 263, "00", 2);
            long sum = 0;
            for (byte x : h) {
                sum += x & 0xff;
            }
            put(h, 148, String.format("%06o", sum), 7);
            out.writeBytes(h);
            out.writeBytes(content);
            out.writeBytes(new byte[(512 - content.length % 512) % 512]);
        }
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private static void put(byte[] h, int at, String s, int max) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, at, Math.min(b.length, max));
    }
}
