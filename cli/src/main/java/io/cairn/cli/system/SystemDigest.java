package io.cairn.cli.system;

import io.cairn.cli.command.ClientCommand;
import picocli.CommandLine.Command;

/** {@code cairn system digest}: {@code sha256:<hex>} over every index family except meta. */
@Command(name = "digest", description = "Print the digest of the engine's indexed state.")
public final class SystemDigest extends ClientCommand {

    @Override
    protected int run() {
        out().println(client().get("/cairn/system/digest").path("Digest").asText());
        return 0;
    }
}
