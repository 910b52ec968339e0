package io.cairn.cli.container;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code -p [IP:][HOST:]CONTAINER[/PROTO]} as Docker's CLI parses it, ranges included
 * ({@code 8080-8081:80-81}), into the API's {@code PortBindings}; {@code -p CONTAINER} or an empty
 * host port asks for an ephemeral one. Errors name the flag and say what is wrong.
 */
final class PortSpecs {

    private PortSpecs() {
    }

    static Map<String, List<Map<String, String>>> parse(List<String> specs) {
        Map<String, List<Map<String, String>>> out = new LinkedHashMap<>();
        for (String spec : specs) {
            String[] pp = protocol(spec, "--publish");
            String[] f = pp[0].split(":", -1);
            if (f.length > 3) {
                throw bad("--publish", spec, "expected [IP:][HOST:]CONTAINER[/PROTO]");
            }
            String ip = f.length == 3 ? f[0] : "";
            if (!ip.isEmpty() && !ip.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                throw bad("--publish", spec, "\"" + ip + "\" is not an IPv4 address");
            }
            String host = f.length >= 2 ? f[f.length - 2] : "";
            int[] c = range(f[f.length - 1], "--publish", spec);
            int[] h = host.isEmpty() ? null : range(host, "--publish", spec);
            if (h != null && h[1] - h[0] != c[1] - c[0]) {
                throw bad("--publish", spec, "host and container port ranges differ in size");
            }
            for (int i = 0; i <= c[1] - c[0]; i++) {
                Map<String, String> b = new LinkedHashMap<>();
                b.put("HostIp", ip);
                b.put("HostPort", h == null ? "" : Integer.toString(h[0] + i));
                out.computeIfAbsent((c[0] + i) + "/" + pp[1], k -> new ArrayList<>()).add(b);
            }
        }
        return out;
    }

    /** {@code --expose PORT[-PORT][/PROTO]} into the API's {@code ExposedPorts} keys. */
    static List<String> expose(List<String> specs) {
        List<String> out = new ArrayList<>();
        for (String spec : specs) {
            String[] pp = protocol(spec, "--expose");
            int[] r = range(pp[0], "--expose", spec);
            for (int p = r[0]; p <= r[1]; p++) {
                out.add(p + "/" + pp[1]);
            }
        }
        return out;
    }

    private static String[] protocol(String spec, String flag) {
        int slash = spec.lastIndexOf('/');
        String proto = slash < 0 ? "tcp" : spec.substring(slash + 1);
        if (!proto.equals("tcp") && !proto.equals("udp")) {
            throw bad(flag, spec, "protocol \"" + proto + "\" is not tcp or udp");
        }
        return new String[] {slash < 0 ? spec : spec.substring(0, slash), proto};
    }

    private static int[] range(String text, String flag, String spec) {
        String[] r = text.split("-", 2);
        try {
            int a = Integer.parseInt(r[0]);
            int b = r.length > 1 ? Integer.parseInt(r[1]) : a;
            if (a < 1 || b > 65535 || b < a) {
                throw bad(flag, spec, "port " + text + " is not a port or range within 1-65535");
            }
            return new int[] {a, b};
        } catch (NumberFormatException e) {
            throw bad(flag, spec, "\"" + text + "\" is not a port number");
        }
    }

    private static IllegalArgumentException bad(String flag, String spec, String why) {
        return new IllegalArgumentException(flag + ": invalid port spec \"" + spec + "\": " + why);
    }
}
