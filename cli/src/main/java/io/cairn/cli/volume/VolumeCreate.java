package io.cairn.cli.volume;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.Labels;
import io.cairn.api.VolumeCreateRequest;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn volume create [OPTIONS] [VOLUME]}: prints the volume's name. */
@Command(name = "create", description = "Create a volume.")
public final class VolumeCreate extends ClientCommand {

    @Parameters(arity = "0..1", paramLabel = "VOLUME", description = "Name (random when omitted).")
    String name;

    @Option(names = "--name", paramLabel = "NAME", description = "Name, as the positional argument.")
    String nameOption;

    @Option(names = {"-d", "--driver"}, defaultValue = "local", description = "Volume driver (only local).")
    String driver;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Set metadata on the volume.")
    List<String> labels = new ArrayList<>();

    @Option(names = {"-o", "--opt"}, paramLabel = "KEY=VALUE", description = "Driver options.")
    List<String> options = new ArrayList<>();

    @Override
    protected int run() {
        if (name != null && nameOption != null && !name.equals(nameOption)) {
            throw error("conflicting options: either specify --name or provide positional arg, not both");
        }
        String chosen = name != null ? name : nameOption;
        VolumeCreateRequest request = new VolumeCreateRequest(chosen, driver,
                Labels.parse(this, "--opt", options), Labels.parse(this, "--label", labels));
        JsonNode created = client().post("/volumes/create", request, JsonNode.class);
        out().println(created.path("Name").asText());
        return 0;
    }
}
