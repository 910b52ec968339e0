package io.cairn.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.cli.client.Hijacked;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn exec [-d] [-i] [-t] [-e KEY=VALUE] [--env-file FILE] [-w DIR] [-u USER] [--privileged]
 * CONTAINER COMMAND…}: runs a command in a running container, which it joins (namespaces, cgroup,
 * seccomp profile, capabilities); exits with the command's exit code (126/127 when it cannot be
 * run or found), or prints nothing and exits 0 with {@code -d} or once the client detached
 * ({@code --detach-keys}, default Ctrl-P Ctrl-Q, with {@code -i}: the command runs on).
 */
@Command(name = "exec", description = "Execute a command in a running container.")
public class ExecCommand extends ClientCommand {

    @Option(names = {"-d", "--detach"}, description = "Detached mode: run command in the background.")
    boolean detach;

    @Option(names = {"-i", "--interactive"}, description = "Keep STDIN open even if not attached.")
    boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "Allocate a pseudo-TTY.")
    boolean tty;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "Set environment variables (KEY alone passes the client's value).")
    List<String> env = new ArrayList<>();

    @Option(names = "--env-file", paramLabel = "FILE", description = "Read in a file of environment variables.")
    List<Path> envFiles = new ArrayList<>();

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory inside the container.")
    String workdir;

    @Option(names = {"-u", "--user"}, paramLabel = "USER[:GROUP]", description = "Username or UID (format: <name|uid>[:<group|gid>]).")
    String user;

    @Option(names = "--privileged", description = "Give extended privileges to the command.")
    boolean privileged;

    @Option(names = "--detach-keys", paramLabel = "KEYS", description = "Override the key sequence for detaching from the command (default ctrl-p,ctrl-q; with -i): it runs on.")
    String detachKeys;

    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND", description = "Command and arguments.")
    List<String> command = new ArrayList<>();

    @Override
    protected int run() throws Exception {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("AttachStdin", interactive && !detach);
        config.put("AttachStdout", !detach);
        config.put("AttachStderr", !detach);
        config.put("Tty", tty);
        config.put("Env", environment());
        config.put("Cmd", command);
        config.put("Privileged", privileged);
        if (user != null) {
            config.put("User", user);
        }
        if (workdir != null) {
            config.put("WorkingDir", workdir);
        }
        if (detachKeys != null) {
            config.put("DetachKeys", detachKeys);
        }
        if (tty && !detach) {
            // as the docker CLI does: the command's first look at its terminal sees the real size
            Terminal.size().ifPresent(hw -> config.put("ConsoleSize", List.of(hw[0], hw[1])));
        }
        String id = client().post("/containers/" + container + "/exec", config, JsonNode.class).path("Id").asText();
        Map<String, Object> start = Map.of("Detach", detach, "Tty", tty);
        if (detach) {
            client().post("/exec/" + id + "/start", start, JsonNode.class);
            return ExitCodes.OK;
        }
        Hijacked stream = client().hijack("/exec/" + id + "/start", start);
        AttachSession.run(client(), stream, interactive, tty, new AttachSession.Target() {
            @Override
            public String resizePath() {
                return "/exec/" + id + "/resize";
            }

            @Override
            public String killPath() {
                return null; // Docker's exec forwards no signals either
            }
        }, false);
        JsonNode inspect = client().get("/exec/" + id + "/json");
        if (inspect.path("Running").asBoolean(false)) {
            return ExitCodes.OK; // detached with the detach keys: the command runs on (Docker's exit 0)
        }
        return inspect.path("ExitCode").isInt() ? inspect.path("ExitCode").asInt() : ExitCodes.FAILED;
    }

    /** -e values then --env-file lines; "KEY" alone takes the client's value, as Docker does. */
    private List<String> environment() throws IOException {
        List<String> out = new ArrayList<>();
        for (Path f : envFiles) {
            for (String line : Files.readAllLines(f)) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    out.add(withClientValue(l));
                }
            }
        }
        for (String e : env) {
            out.add(withClientValue(e));
        }
        return out;
    }

    private static String withClientValue(String entry) {
        if (entry.contains("=")) {
            return entry;
        }
        String v = System.getenv(entry);
        return v == null ? entry : entry + "=" + v;
    }
}
