package io.cairn.cli.registry;

import io.cairn.api.InvalidArgumentException;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.UsageException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn login [-u USER] [-p PASS | --password-stdin] [SERVER]}: the daemon checks the
 * credentials with the registry ({@code POST /auth}), then they are stored as the docker CLI stores
 * them ({@link DockerConfig}). Without a server, Docker Hub.
 */
@Command(name = "login", description = "Log in to a registry.")
public class LoginCommand extends ClientCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SERVER", description = "The registry (default: Docker Hub).")
    String server;

    @Option(names = {"-u", "--username"}, paramLabel = "USER", description = "Username.")
    String username;

    @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD", description = "Password (prefer --password-stdin).")
    String password;

    @Option(names = "--password-stdin", description = "Take the password from stdin.")
    boolean passwordStdin;

    @Override
    protected int run() throws Exception {
        if (password != null && passwordStdin) {
            throw new UsageException("--password and --password-stdin are mutually exclusive");
        }
        if (passwordStdin) {
            if (username == null || username.isEmpty()) {
                throw new UsageException("must provide --username with --password-stdin");
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            StringBuilder all = new StringBuilder();
            for (String line; (line = in.readLine()) != null; ) {
                all.append(all.length() > 0 ? "\n" : "").append(line);
            }
            password = all.toString().replaceAll("[\r\n]+$", "");
        } else if (password != null) {
            err().println("WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
        }
        String domain = server == null || server.isEmpty() ? "docker.io" : server;
        String address = Registries.configKey(domain);
        if (username == null || password == null) {
            java.io.Console console = System.console();
            if (console == null) {
                throw new InvalidArgumentException("login: no terminal to ask for credentials; use -u and --password-stdin");
            }
            if (username == null) {
                username = console.readLine("Username: ");
            }
            char[] typed = console.readPassword("Password: ");
            password = typed == null ? "" : new String(typed);
        }
        if (username.isEmpty() || password.isEmpty()) {
            throw new InvalidArgumentException("login: username and password are required");
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("password", password);
        body.put("serveraddress", address);
        client().post("/auth", body, com.fasterxml.jackson.databind.JsonNode.class);
        DockerConfig config = DockerConfig.load();
        config.store(domain, new DockerConfig.Auth(username, password));
        out().println("Login Succeeded");
        return 0;
    }
}
