package io.cairn.cli.registry;

import io.cairn.api.InvalidArgumentException;
import io.cairn.cli.client.MessageStream;
import io.cairn.cli.client.ApiClient;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.output.JsonMessages;
import io.cairn.cli.output.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn push [--compression gzip|zstd] [-q] [-a] NAME[:TAG]}: the daemon pushes (POST
 * /images/NAME/push?tag=; with {@code -a} no tag, which pushes every local tag of NAME); this prints
 * its progress as the docker CLI does ({@link JsonMessages}).
 */
@Command(name = "push", description = "Upload an image to a registry.")
public class PushCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "NAME[:TAG]", description = "The image to push.")
    String image;

    @Option(names = "--compression", paramLabel = "gzip|zstd", defaultValue = "gzip",
            description = "How layers are compressed on the way out (default: ${DEFAULT-VALUE}; zstd pushes an OCI manifest).")
    String compression;

    @Option(names = {"-q", "--quiet"}, description = "Suppress verbose output.")
    boolean quiet;

    @Option(names = {"-a", "--all-tags"}, description = "Push all tags of the repository.")
    boolean allTags;

    @Override
    protected int run() throws Exception {
        if (!compression.equals("gzip") && !compression.equals("zstd")) {
            throw new io.cairn.cli.command.UsageException("--compression: expected gzip or zstd, got \"" + compression + "\"");
        }
        if (image.contains("@")) {
            throw new InvalidArgumentException("push: a digest reference cannot be pushed; tag the image and push the tag");
        }
        String[] split = PullCommand.splitTag(image);
        if (allTags && !split[1].isEmpty()) {
            throw new InvalidArgumentException("tag can't be used with --all-tags/-a");
        }
        if (!allTags && !quiet && split[1].isEmpty()) {
            // the API reads a name without a tag as every tag: say which one, as the docker CLI does
            out().println("Using default tag: latest");
        }
        String tag = allTags ? "" : split[1].isEmpty() ? "latest" : split[1];
        String path = "/images/" + ApiClient.encodePath(split[0]) + "/push?tag=" + ApiClient.encodeQuery(tag)
                + "&compression=" + compression;
        JsonMessages shown = new JsonMessages(out(), Progress.interactive());
        MessageStream messages = new MessageStream(m -> {
            if (!quiet || m.path("status").asText("").contains(": digest: ")) {
                shown.show(m);
            }
            return true;
        });
        client().stream("POST", path, DockerConfig.load().authHeader(Registries.domainOf(image)), messages);
        messages.finish();
        return 0;
    }
}
