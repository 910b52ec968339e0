package io.cairn.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a command as another, unprivileged user: a local user who is not root, as an attacker on the
 * host would be.
 *
 * <p>{@code setpriv --reuid} alone keeps root's capabilities until the next exec, so the program it
 * starts would still be found through directories closed to that user (CAP_DAC_OVERRIDE) and the
 * test would prove nothing. Hence the shell in between: it runs without any capability, and the
 * command it execs is looked up as the user alone would look it up.
 */
public final class AsUser {

    private AsUser() {
    }

    /** Runs {@code argv} as {@code uid}, in group {@code gid} and no other. */
    public static Exec.Result run(int uid, int gid, String... argv) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups",
                "--", "sh", "-c", "exec \"$@\"", "sh"));
        cmd.addAll(List.of(argv));
        return Exec.run(cmd, Map.of());
    }
}
