package io.cairn.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.Engine;
import io.cairn.engine.FakeRuntime;
import io.cairn.engine.TestEngines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/API.md tells the truth: its endpoint table has exactly one row per route the daemon serves
 * and per endpoint of Docker's catalogue ({@link DockerEndpoints}) that Cairn answers 501, with the
 * right status, and its "Covered by" column names exactly the integration tests whose source
 * mentions the path. On a mismatch the failure prints the table as it should be; with
 * {@code -Dcairn.apidoc.write=true} the test writes that table into docs/API.md instead (the rows
 * only: the prose around them is the author's), for a change that adds a route or an IT mention.
 */
class ApiDocTest {

    private static final Path DOC = Path.of("../docs/API.md");
    private static final Path ITS = Path.of("../it/src/test/java/io/cairn/it");
    private static final Pattern ROW = Pattern.compile(
            "^\\| `(GET|POST|PUT|DELETE|HEAD) ([^`]+)` \\| ([^|]*) \\| (served|501|Cairn) \\| ([^|]*) \\|$");

    @TempDir
    Path root;

    /** One row: the endpoint, Docker's version note (free text), Cairn's answer, the ITs that mention it. */
    private record Row(String endpoint, String since, String status, String coveredBy) {
        String line() {
            String[] e = endpoint.split(" ", 2);
            return "| `" + e[0] + " " + e[1] + "` | " + since + " | " + status + " | " + coveredBy + " |";
        }
    }

    @Test
    void theDocListsEveryRouteAndEveryRefusedDockerEndpointWithTheItsThatMentionThem() throws Exception {
        Map<String, Row> documented = documented();
        Map<String, String> its = itSources();
        Map<String, Row> expected = new LinkedHashMap<>();
        List<Route> routes;
        try (Engine engine = TestEngines.open(root, new TestEngines.MemoryLocation(), new FakeRuntime());
                Followers followers = new Followers(1)) {
            routes = ApiServer.routes(engine, () -> {
                throw new AssertionError("never asked");
            }, followers);
        }
        for (Route docker : DockerEndpoints.all()) {
            String key = docker.method() + " " + docker.template();
            expected.put(key, row(key, served(routes, docker) ? "served" : "501", documented, its));
        }
        for (Route route : routes) {
            String key = route.method() + " " + route.template();
            if (!expected.containsKey(key)) {
                expected.put(key, row(key, "Cairn", documented, its));
            }
        }
        StringBuilder table = new StringBuilder();
        expected.values().forEach(r -> table.append(r.line()).append('\n'));
        if (Boolean.getBoolean("cairn.apidoc.write")) {
            rewrite(expected.values().stream().map(Row::line).toList());
            documented = documented();
        }
        assertEquals(new ArrayList<>(expected.values()).stream().map(Row::line).sorted().toList(),
                documented.values().stream().map(Row::line).sorted().toList(),
                "docs/API.md's endpoint table should be:\n" + table);
    }

    /** The mention rule: a path as a test writes it, never a file path that merely contains the words. */
    @Test
    void aMentionIsAPathAsATestWritesIt() {
        assertTrue(mention("/containers/{id}/wait").matcher("post(\"/containers/\" + id + \"/wait\", null)").find());
        assertTrue(mention("/_ping").matcher("\"http://cairn/_ping\"").find());
        assertTrue(mention("/info").matcher("curl(\"/v1.41/info\")").find());
        assertTrue(!mention("/secrets/{id}").matcher("cat /run/secrets/id").find(), "a file path is no endpoint");
        assertTrue(!mention("/build").matcher("\"/build/prune\"").find(), "the path goes on");
        assertTrue(names("client.delete(\"/volumes/\" + name)", "DELETE"));
        assertTrue(!names("client.delete(\"/volumes/\" + name)", "GET"), "another method is named");
        assertTrue(names("client.get(\"/volumes\")", "GET"));
    }

    /** Served: a route with the endpoint's method and template, or (HEAD) a GET route, as ApiHandler dispatches. */
    private static boolean served(List<Route> routes, Route docker) {
        return routes.stream().anyMatch(r -> r.template().equals(docker.template())
                && (r.method().equals(docker.method()) || docker.method().equals("HEAD") && r.method().equals("GET")));
    }

    private static Row row(String endpoint, String status, Map<String, Row> documented, Map<String, String> its) {
        Row doc = documented.get(endpoint);
        String since = doc == null ? "≤1.24" : doc.since();
        String[] e = endpoint.split(" ", 2);
        Pattern mention = mention(e[1]);
        TreeSet<String> covering = new TreeSet<>();
        String head = e[1].split("\\{", 2)[0];
        its.forEach((name, source) -> {
            // the template's first literal piece must be there at all before lines are matched
            if (source.contains(head)
                    && source.lines().anyMatch(line -> line.contains(head) && mention.matcher(line).find() && names(line, e[0]))) {
                covering.add(name);
            }
        });
        return new Row(endpoint, since, status, String.join(", ", covering));
    }

    /**
     * A line mentions {@code template} when it holds its literal pieces in order with a short parameter
     * between them ({@code "/containers/" + id + "/wait"}), starting a path (after a quote, a space, a
     * version prefix or an {@code http://host}) and not going on after it.
     */
    static Pattern mention(String template) {
        StringBuilder regex = new StringBuilder("(?<=^|[\"'\\s(]|/v1\\.\\d\\d|//cairn|//localhost|//docker)");
        Matcher param = Pattern.compile("\\{[a-z]+\\*?}").matcher(template);
        int at = 0;
        while (param.find()) {
            regex.append(Pattern.quote(template.substring(at, param.start()))).append("[^\\n/]{1,40}?");
            at = param.end();
        }
        regex.append(Pattern.quote(template.substring(at))).append("(?![A-Za-z0-9_/.-])");
        return Pattern.compile(regex.toString());
    }

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "HEAD");

    /** The line names {@code method} as a word (any case: {@code client.delete(…)}), or it is GET and names none. */
    private static boolean names(String line, String method) {
        java.util.function.Predicate<String> named = m -> Pattern.compile("\\b" + m + "\\b", Pattern.CASE_INSENSITIVE)
                .matcher(line).find();
        return named.test(method) || method.equals("GET") && METHODS.stream().noneMatch(named);
    }

    /** Puts {@code rows} where the endpoint table's rows are (one block: the first row to the last). */
    private static void rewrite(List<String> rows) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(DOC));
        int first = -1;
        int last = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (ROW.matcher(lines.get(i).strip()).matches()) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        assertTrue(first >= 0, "docs/API.md has an endpoint table to rewrite");
        lines.subList(first, last + 1).clear();
        lines.addAll(first, rows);
        Files.write(DOC, lines);
    }

    private static Map<String, Row> documented() throws IOException {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DOC)) {
            Matcher m = ROW.matcher(line.strip());
            if (m.matches()) {
                String key = m.group(1) + " " + m.group(2);
                Row previous = rows.put(key, new Row(key, m.group(3).strip(), m.group(4), m.group(5).strip()));
                assertEquals(null, previous, "listed twice in docs/API.md: " + key);
            }
        }
        assertTrue(rows.size() > 50, "docs/API.md has its endpoint table: " + rows.size() + " rows read");
        return rows;
    }

    /** Every integration test's source, by class name. */
    private static Map<String, String> itSources() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(ITS)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith("IT.java")).sorted().toList()) {
                out.put(f.getFileName().toString().replace(".java", ""), Files.readString(f));
            }
        }
        assertTrue(out.size() > 10, "the integration tests are at " + ITS.toAbsolutePath());
        return out;
    }
}
