package io.cairn.cli.client;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A complete HTTP response; header names are lower case. */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
