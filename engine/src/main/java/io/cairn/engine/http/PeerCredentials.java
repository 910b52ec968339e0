package io.cairn.engine.http;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Request;

/**
 * The uid of the process at the other end of the unix socket (SO_PEERCRED), recorded with every
 * journal entry a request causes. The JDK reports the user's name, so it is mapped back to its uid
 * through /etc/passwd (a name without an entry is already the number).
 */
final class PeerCredentials {

    /** Recorded when the peer cannot be identified. */
    static final int UNKNOWN = -1;

    private static final Map<String, Integer> UIDS = new ConcurrentHashMap<>();

    private PeerCredentials() {
    }

    static int uid(Request request) {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        if (endPoint instanceof SocketChannelEndPoint s) {
            SocketChannel channel = s.getChannel();
            try {
                UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
                return uidOf(peer.user().getName());
            } catch (IOException | UnsupportedOperationException e) {
                return UNKNOWN;
            }
        }
        return UNKNOWN;
    }

    static int uidOf(String user) {
        return UIDS.computeIfAbsent(user, PeerCredentials::lookup);
    }

    private static int lookup(String user) {
        if (user.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(user);
        }
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = line.split(":");
                if (f.length > 2 && f[0].equals(user)) {
                    return Integer.parseInt(f[2]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return UNKNOWN;
        }
        return UNKNOWN;
    }
}
