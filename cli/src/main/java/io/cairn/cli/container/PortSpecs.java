package io.cairn.cli.container;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code -p [IP:][HOST:]CONTAINER[/PROTO]} as Docker's CLI parses it, ranges included
 * ({@code 8080-8081:80-81}), into the API's {@code PortBindings}; {@code -p CONTAINER} or an empty
 * host port asks for an ephemeral one.
 */
final class PortSpecs {

    private PortSpecs() {
    }

    static Map<String, List<Map<String, String>>> parse(List<String> specs) {
        Map<String, List<Map<String, String>>> out = new LinkedHashMap<>();
        for (String spec : specs) {
            String proto = "tcp";
            String s = spec;
            int slash = s.lastIndexOf('/');
            if (slash >= 0) {
                proto = s.substring(slash + 1);
                s = s.substring(0, slash);
            }
            String[] f = s.split(":", -1);
            String ip = f.length == 3 ? f[0] : "";
            String host = f.length >= 2 ? f[f.length - 2] : "";
            int[] c = range(f[f.length - 1], spec);
            int[] h = host.isEmpty() ? null : range(host, spec);
            if (f.length > 3 || (!proto.equals("tcp") && !proto.equals("udp"))) {
                throw new IllegalArgumentException("invalid port spec \"" + spec + "\"");
            }
            if (h != null && h[1] - h[0] != c[1] - c[0]) {
                throw new IllegalArgumentException("invalid port spec \"" + spec + "\": host and container ranges differ in size");
            }
            for (int i = 0; i <= c[1] - c[0]; i++) {
                Map<String, String> b = new LinkedHashMap<>();
                b.put("HostIp", ip);
                b.put("HostPort", h == null ? "" : Integer.toString(h[0] + i));
                out.computeIfAbsent((c[0] + i) + "/" + proto, k -> new ArrayList<>()).add(b);
            }
        }
        return out;
    }

    private static int[] range(String text, String spec) {
        try {
            String[] r = text.split("-", 2);
            int a = Integer.parseInt(r[0]);
            int b = r.length > 1 ? Integer.parseInt(r[1]) : a;
            if (a < 1 || b > 65535 || b < a) {
                throw new NumberFormatException();
            }
            return new int[] {a, b};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid port spec \"" + spec + "\"");
        }
    }
}
