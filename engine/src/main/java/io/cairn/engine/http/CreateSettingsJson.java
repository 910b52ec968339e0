package io.cairn.engine.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.event.ContainerSettings;
import io.cairn.engine.event.DeviceMapping;
import io.cairn.engine.event.Healthcheck;
import io.cairn.engine.event.RestartPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the {@link ContainerSettings} from Docker's create body: {@code HostConfig.RestartPolicy},
 * {@code StopTimeout}, {@code Init}, {@code GroupAdd}, {@code Devices}, {@code Sysctls},
 * {@code LogConfig}, and {@code Config}'s {@code Tty}, {@code OpenStdin}, {@code StdinOnce},
 * {@code Attach*}, {@code Healthcheck}, {@code ExposedPorts}, {@code HostConfig.ConsoleSize}. A field with the wrong shape, or a
 * value Cairn cannot honour (another log driver, an unknown log option), is refused.
 */
final class CreateSettingsJson {

    private CreateSettingsJson() {
    }

    static ContainerSettings read(JsonNode body) {
        JsonNode host = body.path("HostConfig");
        JsonNode rp = host.path("RestartPolicy");
        RestartPolicy restart = new RestartPolicy(rp.path("Name").asText(""), rp.path("MaximumRetryCount").asInt(0));
        Integer stopTimeout = body.hasNonNull("StopTimeout") ? body.path("StopTimeout").asInt() : null;
        List<String> groupAdd = new ArrayList<>();
        host.path("GroupAdd").forEach(g -> groupAdd.add(g.asText()));
        List<DeviceMapping> devices = new ArrayList<>();
        for (JsonNode d : host.path("Devices")) {
            String onHost = d.path("PathOnHost").asText("");
            String inContainer = d.path("PathInContainer").asText("");
            devices.add(new DeviceMapping(onHost, inContainer.isEmpty() ? onHost : inContainer,
                    d.path("CgroupPermissions").asText("").isEmpty() ? "rwm" : d.path("CgroupPermissions").asText()));
        }
        if (host.has("DeviceCgroupRules") && !host.path("DeviceCgroupRules").isEmpty()) {
            throw new InvalidArgumentException("--device-cgroup-rule is not supported by Cairn");
        }
        Map<String, String> sysctls = new LinkedHashMap<>();
        host.path("Sysctls").fields().forEachRemaining(e -> sysctls.put(e.getKey(), e.getValue().asText()));
        long maxSize = 0;
        int maxFile = 1;
        JsonNode log = host.path("LogConfig");
        String driver = log.path("Type").asText("");
        if (!driver.isEmpty() && !driver.equals("json-file") && !driver.equals("k8s-file")) {
            throw new InvalidArgumentException("log driver \"" + driver + "\" is not supported: Cairn keeps each"
                    + " container's log in a file (json-file's options max-size and max-file apply)");
        }
        for (var it = log.path("Config").fields(); it.hasNext(); ) {
            var e = it.next();
            switch (e.getKey()) {
                case "max-size" -> maxSize = e.getValue().asText().equals("-1") ? 0 : size(e.getValue().asText());
                case "max-file" -> maxFile = count(e.getValue().asText());
                default -> throw new InvalidArgumentException("unknown log opt '" + e.getKey()
                        + "' for the json-file log driver (Cairn knows max-size and max-file)");
            }
        }
        Healthcheck health = null;
        JsonNode hc = body.path("Healthcheck");
        if (hc.isObject()) {
            List<String> test = new ArrayList<>();
            hc.path("Test").forEach(t -> test.add(t.asText()));
            health = new Healthcheck(test, hc.path("Interval").asLong(0), hc.path("Timeout").asLong(0),
                    hc.path("StartPeriod").asLong(0), hc.path("Retries").asInt(0));
        }
        int[] console = consoleSize(host);
        return new ContainerSettings(restart, stopTimeout, host.path("Init").asBoolean(false),
                body.path("Tty").asBoolean(false), body.path("OpenStdin").asBoolean(false),
                body.path("StdinOnce").asBoolean(false), body.path("AttachStdin").asBoolean(false),
                body.path("AttachStdout").asBoolean(false), body.path("AttachStderr").asBoolean(false), groupAdd,
                devices, sysctls, maxSize, maxFile, health, console[0], console[1]);
    }

    /**
     * {@code HostConfig.ConsoleSize}, {@code [height, width]} (the docker CLI sends its terminal's for
     * {@code -t}, {@code [0, 0]} otherwise): both 0 (the runtime's default) or both 1 to 65535, the
     * kernel's {@code winsize} fields being 16 bits. Docker's {@code [2]uint} refuses negatives at
     * decoding and truncates larger values silently; Cairn refuses them, with the numbers.
     */
    static int[] consoleSize(JsonNode host) {
        JsonNode cs = host.path("ConsoleSize");
        if (cs.isMissingNode() || cs.isNull()) {
            return new int[] {0, 0};
        }
        if (!cs.isArray() || cs.size() != 2 || !cs.get(0).isIntegralNumber() || !cs.get(1).isIntegralNumber()) {
            throw new InvalidArgumentException("invalid ConsoleSize " + cs + ": want [height, width]");
        }
        long h = cs.get(0).asLong();
        long w = cs.get(1).asLong();
        if (h == 0 && w == 0) {
            return new int[] {0, 0};
        }
        if (h < 1 || h > 0xFFFF || w < 1 || w > 0xFFFF) {
            throw new InvalidArgumentException("invalid ConsoleSize [" + cs.get(0).asText() + ", " + cs.get(1).asText()
                    + "]: height and width are both 0 or both from 1 to 65535");
        }
        return new int[] {(int) h, (int) w};
    }

    /** Docker's {@code units.RAMInBytes}: {@code 10m}, {@code 512k}, {@code 1g}, {@code 100} (bytes), case-insensitive. */
    static long size(String text) {
        var m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgtp]?)(?:i?b)?").matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidArgumentException("invalid size: '" + text + "'");
        }
        double n = Double.parseDouble(m.group(1));
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            case "p" -> 50;
            default -> 0;
        };
        double bytes = n * Math.pow(2, shift);
        if (bytes < 1 || bytes > Long.MAX_VALUE / 2) {
            throw new InvalidArgumentException("invalid size: '" + text + "'");
        }
        return (long) bytes;
    }

    private static int count(String text) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1 && n <= 1000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidArgumentException("invalid value for max-file: '" + text + "' (a number from 1 to 1000)");
    }

    /** {@code 80}, {@code 80/tcp}, {@code 53/udp}: Docker's key form {@code PORT/PROTO}. */
    static String exposedPort(String p) {
        String[] parts = p.split("/", -1);
        String proto = parts.length == 2 ? parts[1].toLowerCase(Locale.ROOT) : "tcp";
        if (parts.length > 2 || !parts[0].matches("\\d{1,5}(-\\d{1,5})?") || !List.of("tcp", "udp", "sctp").contains(proto)) {
            throw new InvalidArgumentException("invalid exposed port \"" + p + "\": PORT[/tcp|udp|sctp]");
        }
        return parts[0] + "/" + proto;
    }
}
