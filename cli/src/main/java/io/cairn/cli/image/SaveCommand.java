package io.cairn.cli.image;

import io.cairn.api.CairnException;
import io.cairn.api.InvalidArgumentException;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.client.ApiClient;
import io.cairn.cli.output.Progress;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn save [-o FILE] IMAGE…}: one archive (OCI layout plus Docker's manifest.json). With
 * {@code -o} the file appears only once complete; without it the archive goes to stdout, never to a
 * terminal.
 */
@Command(name = "save", description = "Save one or more images to a tar archive (streamed to STDOUT by default).")
public class SaveCommand extends ClientCommand {

    @Parameters(arity = "1..*", paramLabel = "IMAGE")
    List<String> images;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to a file, instead of STDOUT.")
    String output;

    @Override
    protected int run() throws Exception {
        StringBuilder query = new StringBuilder("/images/get?");
        for (String image : images) {
            query.append("names=").append(ApiClient.encodeQuery(image)).append('&');
        }
        if (output == null) {
            if (System.console() != null) {
                throw new InvalidArgumentException("cowardly refusing to save to a terminal. Use the -o flag or redirect");
            }
            OutputStream stdout = new BufferedOutputStream(new FileOutputStream(java.io.FileDescriptor.out), 1 << 16);
            client().download(query.toString(), stdout, n -> { });
            stdout.flush();
            return 0;
        }
        Path target = Path.of(output).toAbsolutePath();
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
        Progress progress = new Progress(err(), "Saving " + String.join(" ", images), -1);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
            client().download(query.toString(), out, progress::update);
        } catch (CairnException | IOException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        progress.done(output);
        return 0;
    }

}
