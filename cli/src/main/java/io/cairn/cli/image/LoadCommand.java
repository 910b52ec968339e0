package io.cairn.cli.image;

import io.cairn.api.InvalidArgumentException;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.client.MessageStream;
import io.cairn.cli.output.Progress;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cairn load [-i FILE]}: an archive from {@code docker save}, {@code podman save} (docker or
 * OCI) or skopeo; prints {@code Loaded image: REF} per image.
 */
@Command(name = "load", description = "Load an image from a tar archive or STDIN.")
public class LoadCommand extends ClientCommand {

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "Read from tar archive file, instead of STDIN.")
    String input;

    @Option(names = {"-q", "--quiet"}, description = "Suppress the load output.")
    boolean quiet;

    @Override
    protected int run() throws Exception {
        if (input != null && !Files.isRegularFile(Path.of(input))) {
            throw new InvalidArgumentException("open " + input + ": no such file or directory");
        }
        long size = input == null ? -1 : Files.size(Path.of(input));
        Progress progress = quiet ? null : new Progress(err(), "Sending " + (input == null ? "standard input" : input), size);
        MessageStream messages = new MessageStream(m -> {
            if (m.has("stream")) {
                out().print(m.path("stream").asText());
                out().flush();
            } else if (!quiet && m.has("progressDetail")) {
                err().println(m.path("status").asText() + " " + m.path("id").asText() + " ("
                        + m.path("progressDetail").path("current").asLong() + "/"
                        + m.path("progressDetail").path("total").asLong() + ")");
                err().flush();
            }
            return true;
        });
        try (InputStream in = new BufferedInputStream(input == null ? System.in : Files.newInputStream(Path.of(input)), 1 << 16)) {
            client().uploadStreaming(quiet ? "/images/load?quiet=1" : "/images/load", "application/x-tar", in, n -> {
                if (progress != null) {
                    progress.update(n);
                }
            }, messages);
        }
        if (progress != null) {
            progress.done("");
        }
        messages.finish();
        return 0;
    }
}
