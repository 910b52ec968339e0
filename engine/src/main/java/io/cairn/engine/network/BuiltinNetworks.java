package io.cairn.engine.network;

import io.cairn.api.ConflictException;
import io.cairn.storage.digest.Digest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Docker's predefined {@code host} (driver {@code host}) and {@code none} (driver {@code null})
 * networks. They hold no bridge, subnet or address, so nothing about them is journaled: a container
 * is on one by its network mode ({@code --network host|none}), never by a connection. Their IDs are
 * derived from their names, so they are the same on every start and every machine (Docker draws
 * them at random once per daemon; a client only needs them stable).
 */
public final class BuiltinNetworks {

    /** Both, in the order {@code network ls} sorts them among the others (by name). */
    public static final List<NetworkRecord> ALL = List.of(of("host", "host"), of("none", "null"));

    private BuiltinNetworks() {
    }

    private static NetworkRecord of(String name, String driver) {
        String id = Digest.sha256(("cairn builtin network " + name).getBytes(StandardCharsets.UTF_8)).hex();
        // created with the daemon, as Docker's are when its daemon first starts
        long created = ProcessHandle.current().info().startInstant()
                .map(t -> t.getEpochSecond() * 1_000_000_000L + t.getNano()).orElse(0L);
        return new NetworkRecord(id, name, driver, "", "", "", "", false, false, null, created);
    }

    /** The builtin network a name, a full ID or an ID prefix names. */
    public static Optional<NetworkRecord> find(String ref) {
        return ALL.stream().filter(n -> n.name().equals(ref) || (!ref.isEmpty() && n.id().startsWith(ref))).findFirst();
    }

    /** Whether {@code n} is {@code host} or {@code none}. */
    public static boolean is(NetworkRecord n) {
        return ALL.stream().anyMatch(b -> b.id().equals(n.id()));
    }

    /** Docker's refusal: a container joins {@code host} or {@code none} only by its mode at create. */
    static void refuseMembership(NetworkRecord n) {
        if (is(n)) {
            throw new ConflictException("container cannot be disconnected from " + n.name() + " network or connected to "
                    + n.name() + " network");
        }
    }
}
