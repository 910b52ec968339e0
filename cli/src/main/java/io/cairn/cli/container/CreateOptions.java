package io.cairn.cli.container;

import io.cairn.cli.command.Usage;

import io.cairn.cli.command.Labels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The flags {@code create} and {@code run} share, turned into Docker's create body. */
public final class CreateOptions {

    @Option(names = "--name", paramLabel = "NAME", description = "Assign a name to the container.")
    String name;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "Set environment variables (KEY alone passes the client's value).")
    List<String> env = new ArrayList<>();

    @Option(names = "--env-file", paramLabel = "FILE", description = "Read in a file of environment variables.")
    List<Path> envFiles = new ArrayList<>();

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory inside the container.")
    String workdir;

    @Option(names = {"-u", "--user"}, paramLabel = "USER[:GROUP]", description = "Username or UID (format: <name|uid>[:<group|gid>]).")
    String user;

    @Option(names = "--entrypoint", paramLabel = "CMD", description = "Overwrite the default ENTRYPOINT of the image (\"\" clears it).")
    String entrypoint;

    @Option(names = {"-h", "--hostname"}, paramLabel = "NAME", description = "Container host name.")
    String hostname;

    @Option(names = {"-v", "--volume"}, paramLabel = "SRC:DST[:ro]", description = "Bind mount a host path or mount a named volume.")
    List<String> volumes = new ArrayList<>();

    @Option(names = "--mount", paramLabel = "type=bind|volume|tmpfs,…", description = "Attach a filesystem mount to the container.")
    List<String> mounts = new ArrayList<>();

    @Option(names = "--tmpfs", paramLabel = "DST[:OPTIONS]", description = "Mount a tmpfs directory.")
    List<String> tmpfs = new ArrayList<>();

    @Option(names = "--read-only", description = "Mount the container's root filesystem as read only.")
    boolean readOnly;

    @Option(names = "--network", paramLabel = "NETWORK", defaultValue = "default",
            description = "bridge (default), none, host, container:NAME or a user network's name.")
    String network;

    @Option(names = {"-p", "--publish"}, paramLabel = "[IP:][HOST:]PORT[/PROTO]", description = "Publish a container's port(s) to the host.")
    List<String> publish = new ArrayList<>();

    @Option(names = {"-P", "--publish-all"}, description = "Publish all exposed ports to ephemeral host ports.")
    boolean publishAll;

    @Option(names = "--expose", paramLabel = "PORT[/PROTO]", description = "Expose a port.")
    List<String> expose = new ArrayList<>();

    @Option(names = "--dns", paramLabel = "IP", description = "Set a DNS server.")
    List<String> dns = new ArrayList<>();

    @Option(names = "--dns-search", paramLabel = "DOMAIN", description = "Set a DNS search domain.")
    List<String> dnsSearch = new ArrayList<>();

    @Option(names = "--dns-option", paramLabel = "OPTION", description = "Set a DNS option.")
    List<String> dnsOption = new ArrayList<>();

    @Option(names = "--add-host", paramLabel = "HOST:IP", description = "Add a host-to-IP mapping (IP may be host-gateway).")
    List<String> addHost = new ArrayList<>();

    @Option(names = "--ip", paramLabel = "IPv4", description = "The container's IPv4 address on its user network.")
    String ip;

    @Option(names = {"--network-alias", "--alias"}, paramLabel = "NAME", description = "A network-scoped alias.")
    List<String> aliases = new ArrayList<>();

    @Option(names = "--cap-add", paramLabel = "CAP", description = "Add Linux capabilities.")
    List<String> capAdd = new ArrayList<>();

    @Option(names = "--cap-drop", paramLabel = "CAP", description = "Drop Linux capabilities.")
    List<String> capDrop = new ArrayList<>();

    @Option(names = "--privileged", description = "Give extended privileges to this container.")
    boolean privileged;

    @Option(names = "--security-opt", paramLabel = "OPT", description = "Security options: seccomp=unconfined|FILE, apparmor=unconfined|PROFILE, no-new-privileges.")
    List<String> securityOpt = new ArrayList<>();

    @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "Set metadata on a container.")
    List<String> labels = new ArrayList<>();

    @Option(names = "--rm", description = "Automatically remove the container when it exits.")
    boolean rm;

    @picocli.CommandLine.Mixin
    ResourceOptions resources = new ResourceOptions();

    @picocli.CommandLine.Mixin
    MoreCreateOptions more = new MoreCreateOptions();

    @Option(names = {"-i", "--interactive"}, description = "Keep STDIN open even if not attached.")
    boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "Allocate a pseudo-TTY.")
    boolean tty;

    /** Docker's StdinOnce: a foreground {@code run -i} closes the process's stdin when its client detaches. */
    boolean stdinOnce;

    /** {@code run -t}: send this terminal's size as {@code HostConfig.ConsoleSize}, as the docker CLI's run does. */
    boolean consoleSize;

    @Option(names = "--pull", paramLabel = "missing|always|never", defaultValue = "missing",
            description = "Pull the image before creating: missing (when it is not here), always, never"
                    + " (default: ${DEFAULT-VALUE}).")
    String pull;

    @Parameters(index = "0", paramLabel = "IMAGE")
    String image;

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "Command and arguments.")
    List<String> command = new ArrayList<>();

    /** The create body in Docker's shape. */
    Map<String, Object> body(Usage usage) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Image", image);
        if (!command.isEmpty()) {
            body.put("Cmd", command);
        }
        if (entrypoint != null) {
            body.put("Entrypoint", entrypoint.isEmpty() ? List.of() : List.of(entrypoint));
        }
        body.put("Env", environment(usage));
        if (workdir != null) {
            body.put("WorkingDir", workdir);
        }
        if (user != null) {
            body.put("User", user);
        }
        if (hostname != null) {
            body.put("Hostname", hostname);
        }
        body.put("Labels", Labels.parse(usage, "--label", labels));
        body.put("OpenStdin", interactive);
        body.put("StdinOnce", interactive && stdinOnce);
        body.put("Tty", tty);
        Map<String, Object> host = new LinkedHashMap<>();
        host.put("Binds", volumes);
        host.put("Mounts", parseMounts(usage));
        Map<String, String> tmpfsMap = new LinkedHashMap<>();
        for (String t : tmpfs) {
            int colon = t.indexOf(':');
            tmpfsMap.put(colon < 0 ? t : t.substring(0, colon), colon < 0 ? "" : t.substring(colon + 1));
        }
        host.put("Tmpfs", tmpfsMap);
        host.put("ReadonlyRootfs", readOnly);
        host.put("NetworkMode", network);
        List<String> exposedKeys;
        try {
            host.put("PortBindings", PortSpecs.parse(publish));
            exposedKeys = PortSpecs.expose(expose);
        } catch (IllegalArgumentException e) {
            throw usage.error(e.getMessage());
        }
        host.put("PublishAllPorts", publishAll);
        host.put("Dns", dns);
        host.put("DnsSearch", dnsSearch);
        host.put("DnsOptions", dnsOption);
        host.put("ExtraHosts", addHost);
        Map<String, Object> exposed = new LinkedHashMap<>();
        exposedKeys.forEach(e -> exposed.put(e, Map.of()));
        body.put("ExposedPorts", exposed);
        if (ip != null || !aliases.isEmpty()) {
            Map<String, Object> ep = new LinkedHashMap<>();
            if (ip != null) {
                ep.put("IPAMConfig", Map.of("IPv4Address", ip));
            }
            ep.put("Aliases", aliases);
            body.put("NetworkingConfig", Map.of("EndpointsConfig", Map.of(network, ep)));
        }
        host.put("CapAdd", capAdd);
        host.put("CapDrop", capDrop);
        host.put("Privileged", privileged);
        host.put("SecurityOpt", securityOpt);
        host.put("AutoRemove", rm);
        host.putAll(resources.hostConfig(usage, true));
        more.addTo(usage, body, host);
        if (consoleSize && tty) {
            // the process's first look at its terminal (stty size, a shell's prompt) sees the real size
            Terminal.size().ifPresent(hw -> host.put("ConsoleSize", List.of(hw[0], hw[1])));
        }
        body.put("HostConfig", host);
        return body;
    }

    /** -e values and --env-file lines; "KEY" alone takes the client's value, as Docker does. */
    private List<String> environment(Usage usage) {
        List<String> out = new ArrayList<>();
        for (Path file : envFiles) {
            try {
                int n = 0;
                for (String line : Files.readAllLines(file)) {
                    n++;
                    String l = line.strip();
                    if (l.isEmpty() || l.startsWith("#")) {
                        continue;
                    }
                    if (l.startsWith("=")) {
                        throw usage.error("--env-file " + file + ":" + n
                                + ": variable name is empty: " + line);
                    }
                    out.add(withClientValue(l));
                }
            } catch (IOException e) {
                throw usage.error("--env-file: cannot read " + file + ": " + e.getMessage());
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
        String value = System.getenv(entry);
        return value == null ? entry : entry + "=" + value;
    }

    /** {@code --mount type=bind,source=/a,target=/b,readonly}, Docker's keys and aliases. */
    private List<Map<String, Object>> parseMounts(Usage usage) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String m : mounts) {
            Map<String, Object> mount = new LinkedHashMap<>();
            mount.put("Type", "volume");
            List<String> tmpfsOptions = new ArrayList<>();
            for (String field : m.split(",")) {
                int eq = field.indexOf('=');
                String key = (eq < 0 ? field : field.substring(0, eq)).trim().toLowerCase();
                String value = eq < 0 ? "" : field.substring(eq + 1).trim();
                switch (key) {
                    case "type" -> {
                        if (!List.of("bind", "volume", "tmpfs").contains(value)) {
                            throw usage.error("--mount: invalid type \"" + value + "\" in " + m);
                        }
                        mount.put("Type", value);
                    }
                    case "source", "src" -> mount.put("Source", value);
                    case "target", "destination", "dst" -> mount.put("Target", value);
                    case "readonly", "ro" -> mount.put("ReadOnly", value.isEmpty() || value.equals("true") || value.equals("1"));
                    case "tmpfs-size" -> tmpfsOptions.add("size=" + value);
                    case "tmpfs-mode" -> tmpfsOptions.add("mode=" + value);
                    default -> throw usage.error("--mount: unexpected key \"" + key + "\" in " + m);
                }
            }
            if (!mount.containsKey("Target")) {
                throw usage.error("--mount: target is required in " + m);
            }
            mount.put("TmpfsOptions", Map.of("Options", tmpfsOptions));
            out.add(mount);
        }
        return out;
    }
}
