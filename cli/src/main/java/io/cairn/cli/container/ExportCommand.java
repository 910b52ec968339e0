package io.cairn.cli.container;

import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.ExitCodes;
import io.cairn.cli.command.UsageException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn export [-o FILE] CONTAINER}: the container's filesystem as a tar. */
@Command(name = "export", description = "Export a container's filesystem as a tar archive.")
public class ExportCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to a file, instead of STDOUT.")
    Path output;

    @Override
    protected int run() throws Exception {
        String path = ContainerAction.path(container) + "/export";
        if (output == null) {
            if (System.console() != null) {
                throw new UsageException("cowardly refusing to save to a terminal. Use the -o flag or redirect");
            }
            client().download(path, System.out, n -> { });
            return ExitCodes.OK;
        }
        Path tmp = output.resolveSibling(output.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            client().download(path, out, n -> { });
        } catch (RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, output, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return ExitCodes.OK;
    }
}
