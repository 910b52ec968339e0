package io.cairn.it.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** JSON of command outputs. */
final class Jsons {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Jsons() {
    }

    static JsonNode read(String text) throws IOException {
        return JSON.readTree(text);
    }
}
