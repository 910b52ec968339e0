package io.cairn.cli.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.InvalidArgumentException;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.client.ApiClient;
import io.cairn.cli.output.Progress;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn import FILE|- [REFERENCE]}: a root filesystem tarball (plain, gzip or zstd) becomes a
 * one-layer image; prints its ID.
 */
@Command(name = "import", description = "Import the contents from a tarball to create a filesystem image.")
public class ImportCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "FILE|-", description = "The tarball, or - for standard input.")
    String file;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REPOSITORY[:TAG]")
    String reference;

    @Option(names = {"-c", "--change"}, paramLabel = "INSTRUCTION",
            description = "Apply a Dockerfile instruction to the image (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, USER, VOLUME, WORKDIR, STOPSIGNAL).")
    List<String> changes = new ArrayList<>();

    @Option(names = {"-m", "--message"}, paramLabel = "MESSAGE", description = "Set commit message for imported image.")
    String message;

    @Option(names = "--platform", paramLabel = "PLATFORM", description = "Accepted for compatibility; only linux/amd64 here.")
    String platform;

    @Override
    protected int run() throws Exception {
        StringBuilder query = new StringBuilder("/images/create?fromSrc=-");
        if (reference != null) {
            query.append("&repo=").append(ApiClient.encodeQuery(reference));
        }
        for (String change : changes) {
            query.append("&changes=").append(ApiClient.encodeQuery(change));
        }
        if (message != null) {
            query.append("&message=").append(ApiClient.encodeQuery(message));
        }
        if (!file.equals("-") && !Files.isRegularFile(Path.of(file))) {
            throw new InvalidArgumentException("open " + file + ": no such file or directory");
        }
        long size = file.equals("-") ? -1 : Files.size(Path.of(file));
        Progress progress = new Progress(err(), "Importing " + (file.equals("-") ? "standard input" : file), size);
        JsonNode answer;
        try (InputStream in = new BufferedInputStream(file.equals("-") ? System.in : Files.newInputStream(Path.of(file)), 1 << 16)) {
            answer = client().upload(query.toString(), "application/x-tar", in, progress::update);
        }
        String id = answer.path("status").asText();
        progress.done(id);
        out().println(id);
        return 0;
    }


}
