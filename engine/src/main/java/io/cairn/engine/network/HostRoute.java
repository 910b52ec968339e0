package io.cairn.engine.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * An IPv4 route of the host ({@code /proc/net/route}) and the interface it leaves by: a subnet a
 * new bridge must not take. Default and host routes are not ones (every host has them).
 */
record HostRoute(String iface, Cidr net) {

    private static final Logger LOG = Logger.getLogger(HostRoute.class.getName());

    /** The routes of a {@code /proc/net/route}-format file; none when it cannot be read (logged). */
    static List<HostRoute> read(Path table) {
        List<HostRoute> out = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(table);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 8) {
                    continue;
                }
                // the kernel prints addresses in host (little-endian) byte order
                long dest = Long.reverseBytes(Long.parseLong(f[1], 16)) >>> 32;
                int prefix = Long.bitCount(Long.parseLong(f[7], 16));
                if (prefix >= 8 && prefix <= 30) {
                    out.add(new HostRoute(f[0], new Cidr(dest, prefix)));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warning("cannot read the host's routes from " + table + ": " + e.getMessage());
        }
        return out;
    }

    static List<Cidr> nets(List<HostRoute> routes) {
        return routes.stream().map(HostRoute::net).toList();
    }

    static Optional<HostRoute> overlapping(List<HostRoute> routes, Cidr subnet) {
        return routes.stream().filter(r -> r.net().overlaps(subnet)).findFirst();
    }
}
