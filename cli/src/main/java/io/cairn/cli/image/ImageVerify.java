package io.cairn.cli.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.ExitCodes;
import io.cairn.cli.client.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn image verify IMAGE}: re-hashes every blob and the unpacked tree of every layer; names
 * what changed and exits 1.
 */
@Command(name = "verify", description = "Re-hash an image's blobs and unpacked layers.")
public final class ImageVerify extends ClientCommand {

    @Parameters(index = "0", paramLabel = "IMAGE")
    String image;

    @Override
    protected int run() {
        JsonNode r = client().post("/cairn/images/" + ApiClient.encodePath(image) + "/verify", null, JsonNode.class);
        r.path("Checked").forEach(c -> out().println("checked: " + c.asText()));
        r.path("Problems").forEach(p -> out().println("problem: " + p.asText()));
        boolean ok = r.path("Problems").size() == 0;
        out().println(ok ? "image " + r.path("Id").asText() + ": ok"
                : "image " + r.path("Id").asText() + ": " + r.path("Problems").size() + " problem(s)");
        return ok ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
