package io.cairn.cli.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.Labels;
import io.cairn.cli.client.ApiClient;
import io.cairn.cli.output.Format;
import io.cairn.cli.output.Table;
import io.cairn.cli.output.Units;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn images [REPOSITORY[:TAG]]}: one row per tag, dangling images as {@code <none>}. */
@Command(name = "images", description = "List images.")
public class ImagesCommand extends ClientCommand {

    @Parameters(arity = "0..1", paramLabel = "REPOSITORY[:TAG]")
    String repository;

    @Option(names = {"-a", "--all"}, description = "Show all images (default hides intermediate images).")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Only show image IDs.")
    boolean quiet;

    @Option(names = "--digests", description = "Show digests.")
    boolean digests;

    @Option(names = "--no-trunc", description = "Don't truncate output.")
    boolean noTrunc;

    @Option(names = {"-f", "--filter"}, paramLabel = "KEY=VALUE",
            description = "Filter: dangling=true|false, label=KEY[=VALUE], before=IMAGE, since=IMAGE, reference=PATTERN.")
    List<String> filters = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or json.")
    String format;

    @Override
    protected int run() {
        Format f = Format.parse(format, this);
        Map<String, List<String>> query = Labels.filters(this, filters);
        if (repository != null) {
            query.computeIfAbsent("reference", k -> new ArrayList<>()).add(repository);
        }
        JsonNode images = client().get("/images/json?" + (all ? "all=1&" : "") + ApiClient.filters(query));
        PrintWriter out = out();
        if (quiet) {
            // one ID per row the table would print (an image under three tags: three times), as the docker CLI does
            for (JsonNode image : images) {
                String id = ImageIds.show(image.path("Id").asText(), noTrunc);
                for (int i = Math.max(1, image.path("RepoTags").size()); i > 0; i--) {
                    out.println(id);
                }
            }
            return 0;
        }
        long now = System.currentTimeMillis() / 1000;
        Table table = digests ? new Table("REPOSITORY", "TAG", "DIGEST", "IMAGE ID", "CREATED", "SIZE")
                : new Table("REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE");
        for (JsonNode image : images) {
            List<String> tags = new ArrayList<>();
            image.path("RepoTags").forEach(t -> tags.add(t.asText()));
            if (tags.isEmpty()) {
                tags.add("<none>:<none>");
            }
            for (String tag : tags) {
                int colon = tag.lastIndexOf(':');
                String repo = tag.substring(0, colon);
                String t = tag.substring(colon + 1);
                String id = ImageIds.show(image.path("Id").asText(), noTrunc);
                if (f == Format.JSON) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("Repository", repo);
                    row.put("Tag", t);
                    row.put("ID", id);
                    row.put("Digest", image.path("ManifestDigest").asText());
                    row.put("CreatedAt", image.path("Created").asLong());
                    row.put("CreatedSince", Units.ago(image.path("Created").asLong(), now));
                    row.put("Size", Units.humanSize(image.path("Size").asLong()));
                    out.println(ApiClient.json().valueToTree(row).toString());
                } else if (digests) {
                    table.row(repo, t, image.path("ManifestDigest").asText(), id,
                            Units.ago(image.path("Created").asLong(), now), Units.humanSize(image.path("Size").asLong()));
                } else {
                    table.row(repo, t, id, Units.ago(image.path("Created").asLong(), now),
                            Units.humanSize(image.path("Size").asLong()));
                }
            }
        }
        if (f == Format.TABLE) {
            table.print(out);
        }
        return 0;
    }
}
