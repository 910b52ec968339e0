package io.cairn.cli.container;

import io.cairn.cli.client.ApiClient;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.cli.command.ClientCommand;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn commit [-m MSG] [-a AUTHOR] [-c INSTRUCTION]… CONTAINER [REPOSITORY[:TAG]]}: prints the image ID. */
@Command(name = "commit", description = "Create a new image from a container's changes.")
public class CommitCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REPOSITORY[:TAG]")
    String reference;

    @Option(names = {"-m", "--message"}, paramLabel = "MESSAGE", description = "Commit message.")
    String message;

    @Option(names = {"-a", "--author"}, paramLabel = "AUTHOR", description = "Author (e.g. \"Jane Doe <jane@example.com>\").")
    String author;

    @Option(names = {"-c", "--change"}, paramLabel = "INSTRUCTION", description = "Apply Dockerfile instruction to the created image.")
    List<String> changes = new ArrayList<>();

    @Option(names = {"-p", "--pause"}, arity = "0..1", defaultValue = "true", fallbackValue = "true",
            paramLabel = "true|false", description = "Pause container during commit (default true).")
    boolean pause;

    @Override
    protected int run() {
        StringBuilder q = new StringBuilder("/commit?container=").append(ApiClient.encodeQuery(container))
                .append("&pause=").append(pause);
        if (reference != null) {
            q.append("&repo=").append(ApiClient.encodeQuery(reference));
        }
        if (message != null) {
            q.append("&comment=").append(ApiClient.encodeQuery(message));
        }
        if (author != null) {
            q.append("&author=").append(ApiClient.encodeQuery(author));
        }
        for (String c : changes) {
            q.append("&changes=").append(ApiClient.encodeQuery(c));
        }
        JsonNode answer = client().post(q.toString(), null, JsonNode.class);
        out().println(answer.path("Id").asText());
        return 0;
    }
}
