package io.cairn.cli.registry;

import io.cairn.api.InvalidArgumentException;
import io.cairn.cli.client.MessageStream;
import io.cairn.cli.client.ApiClient;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.output.JsonMessages;
import io.cairn.cli.output.Progress;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn pull [--platform P] [-q] NAME[:TAG|@DIGEST]}: the daemon pulls (POST
 * /images/create?fromImage=); this prints its progress as the docker CLI does ({@link JsonMessages}: a
 * line per layer redrawn with its bar on a terminal, a line per event elsewhere), and the reference
 * at the end.
 */
@Command(name = "pull", description = "Download an image from a registry.")
public class PullCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "NAME[:TAG|@DIGEST]", description = "The image to pull.")
    String image;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
            description = "Pull the image for this platform (default: the daemon's).")
    String platform;

    @Option(names = {"-q", "--quiet"}, description = "Suppress verbose output.")
    boolean quiet;

    @Option(names = {"-a", "--all-tags"}, description = "Download all tagged images in the repository.")
    boolean allTags;

    @Override
    protected int run() throws Exception {
        if (allTags && !splitTag(image)[1].isEmpty()) {
            throw new InvalidArgumentException("tag can't be used with --all-tags/-a");
        }
        if (!allTags && !quiet && splitTag(image)[1].isEmpty()) {
            out().println("Using default tag: latest");
        }
        String reference = pull(client(), image, platform, allTags, quiet ? null : out());
        out().println(reference);
        return 0;
    }

    /** Pulls one image (its tag, else {@code latest}). */
    public static String pull(ApiClient client, String image, String platform, PrintWriter progress) {
        return pull(client, image, platform, false, progress);
    }

    /**
     * Pulls {@code image} through the daemon, printing progress lines to {@code progress} (null: none);
     * returns the reference as the daemon completed it ({@code docker.io/library/busybox:latest}, or
     * the repository alone with {@code allTags}). Credentials for the image's registry come from the
     * docker CLI's configuration. As the docker CLI, it sends {@code tag=latest} for an untagged name:
     * the API reads a name without a tag as every tag.
     */
    static String pull(ApiClient client, String image, String platform, boolean allTags, PrintWriter progress) {
        String[] split = splitTag(image);
        StringBuilder path = new StringBuilder("/images/create?fromImage=").append(ApiClient.encodeQuery(split[0]));
        if (!allTags) {
            path.append("&tag=").append(ApiClient.encodeQuery(split[1].isEmpty() ? "latest" : split[1]));
        }
        if (platform != null && !platform.isEmpty()) {
            path.append("&platform=").append(ApiClient.encodeQuery(platform));
        }
        String[] digest = {""};
        JsonMessages shown = progress == null ? null : new JsonMessages(progress, Progress.interactive());
        MessageStream messages = new MessageStream(m -> {
            String status = m.path("status").asText("");
            if (status.startsWith("Digest: ")) {
                digest[0] = status.substring("Digest: ".length());
            }
            if (shown != null) {
                shown.show(m);
            }
            return true;
        });
        client.stream("POST", path.toString(), DockerConfig.load().authHeader(Registries.domainOf(image)), messages);
        messages.finish();
        if (allTags) {
            return Registries.qualified(split[0]);
        }
        return Registries.qualified(split[0]) + (split[1].isEmpty() ? ":latest"
                : (split[1].contains(":") ? "@" : ":") + split[1]);
    }

    /** {@code [name, tag-or-digest]}: the part after {@code @} or the last {@code :} past the last {@code /}. */
    static String[] splitTag(String image) {
        int at = image.indexOf('@');
        if (at >= 0) {
            return new String[] {image.substring(0, at), image.substring(at + 1)};
        }
        int colon = image.lastIndexOf(':');
        if (colon > image.lastIndexOf('/')) {
            return new String[] {image.substring(0, colon), image.substring(colon + 1)};
        }
        return new String[] {image, ""};
    }
}
