package io.cairn.engine.network;

import io.cairn.api.InvalidArgumentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The /etc/hosts, /etc/hostname and /etc/resolv.conf a container sees, written as Docker writes
 * them into the container's directory and bind-mounted over the image's files:
 * <ul>
 *   <li>hosts: Docker's loopback and IPv6 lines, then each {@code --add-host}, then the
 *       container's address with its hostname (none on {@code none}; the host's file on
 *       {@code host}).</li>
 *   <li>resolv.conf: on a network with DNS (a user network) the gateway, where aardvark-dns
 *       answers container names and forwards the rest (Docker points at its 127.0.0.11); otherwise
 *       the host's nameservers without loopback ones, else Google's, as Docker falls back;
 *       {@code --dns}, {@code --dns-search}, {@code --dns-option} replace their lines.</li>
 * </ul>
 */
public final class HostFiles {

    private static final Path HOST_RESOLV = Path.of("/etc/resolv.conf");
    private static final Path HOST_HOSTS = Path.of("/etc/hosts");

    private HostFiles() {
    }

    /** What a container's files say. */
    public record Content(String hostname, String ip, List<String> extraHosts, List<String> nameservers,
                          List<String> search, List<String> options, boolean hostNetwork) {
    }

    /** Writes {@code hosts}, {@code hostname}, {@code resolv.conf} into {@code dir}; returns their paths. */
    public static List<Path> write(Path dir, Content c) throws IOException {
        Path hosts = dir.resolve("hosts");
        Path hostname = dir.resolve("hostname");
        Path resolv = dir.resolve("resolv.conf");
        Files.writeString(hosts, hosts(c), StandardCharsets.UTF_8);
        Files.writeString(hostname, c.hostname() + "\n", StandardCharsets.UTF_8);
        Files.writeString(resolv, resolv(c, readHost(HOST_RESOLV)), StandardCharsets.UTF_8);
        return List.of(hosts, hostname, resolv);
    }

    static String hosts(Content c) throws IOException {
        StringBuilder b = new StringBuilder();
        if (c.hostNetwork()) {
            b.append(readHost(HOST_HOSTS));
            if (b.length() > 0 && b.charAt(b.length() - 1) != '\n') {
                b.append('\n');
            }
        } else {
            b.append("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\n")
                    .append("ff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n");
        }
        for (String h : c.extraHosts()) {
            int sep = h.indexOf(':');
            b.append(h.substring(sep + 1)).append('\t').append(h, 0, sep).append('\n');
        }
        if (!c.hostNetwork() && c.ip() != null && !c.ip().isEmpty()) {
            b.append(c.ip()).append('\t').append(c.hostname()).append('\n');
        }
        return b.toString();
    }

    static String resolv(Content c, String host) {
        List<String> servers = new ArrayList<>(c.nameservers());
        List<String> search = new ArrayList<>(c.search());
        List<String> options = new ArrayList<>(c.options());
        List<String> hostServers = new ArrayList<>();
        List<String> hostSearch = new ArrayList<>();
        List<String> hostOptions = new ArrayList<>();
        for (String line : host.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 2) {
                continue;
            }
            switch (f[0]) {
                case "nameserver" -> {
                    if (c.hostNetwork() || !(f[1].startsWith("127.") || f[1].equals("::1"))) {
                        hostServers.add(f[1]);
                    }
                }
                case "search" -> hostSearch.addAll(List.of(f).subList(1, f.length));
                case "options" -> hostOptions.addAll(List.of(f).subList(1, f.length));
                default -> { }
            }
        }
        if (servers.isEmpty()) {
            servers = hostServers.isEmpty() ? List.of("8.8.8.8", "8.8.4.4") : hostServers;
        }
        if (search.isEmpty()) {
            search = hostSearch;
        }
        if (options.isEmpty()) {
            options = hostOptions;
        }
        StringBuilder b = new StringBuilder();
        servers.forEach(s -> b.append("nameserver ").append(s).append('\n'));
        if (!search.isEmpty()) {
            b.append("search ").append(String.join(" ", search)).append('\n');
        }
        if (!options.isEmpty()) {
            b.append("options ").append(String.join(" ", options)).append('\n');
        }
        return b.toString();
    }

    /** Checks an {@code --add-host NAME:IP} entry ({@code IP} may be {@code host-gateway}). */
    public static String checkExtraHost(String entry) {
        int sep = entry.indexOf(':');
        if (sep <= 0 || sep == entry.length() - 1) {
            throw new InvalidArgumentException("invalid argument \"" + entry + "\" for \"--add-host\": expected HOST:IP");
        }
        String name = entry.substring(0, sep);
        String ip = entry.substring(sep + 1);
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9.-]*") || !(ip.equals("host-gateway")
                || ip.matches("[0-9.]+") || ip.matches("[0-9a-fA-F:]+"))) {
            throw new InvalidArgumentException("invalid argument \"" + entry + "\" for \"--add-host\": invalid IP address or name");
        }
        return entry;
    }

    private static String readHost(Path p) throws IOException {
        return Files.isRegularFile(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }
}
