package io.cairn.engine.container;

import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.event.RestartPolicy;

/**
 * Docker's restart policy rules (moby's restartmanager), pure: whether an ended run is restarted,
 * and whether a container comes back when the daemon starts.
 */
final class RestartRules {

    private RestartRules() {
    }

    /**
     * The policy {@code --restart} or {@code HostConfig.RestartPolicy} names, checked as Docker checks
     * it; {@code autoRemove} with any policy but {@code no} is refused.
     */
    static RestartPolicy check(RestartPolicy p, boolean autoRemove) {
        if (p == null) {
            return RestartPolicy.none();
        }
        if (!RestartPolicy.NAMES.contains(p.name())) {
            throw new InvalidArgumentException("invalid restart policy '" + p.name()
                    + "': use no, on-failure[:max-retries], always or unless-stopped");
        }
        if (p.maximumRetryCount() < 0) {
            throw new InvalidArgumentException("invalid restart policy: maximum retry count cannot be negative");
        }
        if (p.maximumRetryCount() != 0 && !p.name().equals("on-failure")) {
            throw new InvalidArgumentException("invalid restart policy: maximum retry count can only be used with"
                    + " 'on-failure'");
        }
        if (!p.neverRestarts() && autoRemove) {
            throw new InvalidArgumentException("Conflicting options: --restart and --rm");
        }
        return p;
    }

    /**
     * Whether a run that ended on its own with {@code exitCode} is restarted: {@code always}
     * always, {@code unless-stopped} unless a user stopped it, {@code on-failure} on a non-zero
     * exit while fewer than {@code MaximumRetryCount} restarts were made. A user's stop or kill
     * disables every policy until the next start (Docker cancels the restart manager).
     */
    static boolean restartsAfterExit(RestartPolicy p, int exitCode, int restartCount, boolean manuallyStopped) {
        if (manuallyStopped) {
            return false;
        }
        return switch (p.name()) {
            case "always", "unless-stopped" -> true;
            case "on-failure" -> exitCode != 0 && (p.maximumRetryCount() == 0 || restartCount < p.maximumRetryCount());
            default -> false;
        };
    }

    /**
     * Whether an exited container is started when the daemon starts (Docker's restore): {@code always}
     * even after a user's stop ("restarted only when the daemon restarts or it is started by
     * hand"), {@code unless-stopped} unless a user stopped it, {@code on-failure} as after an exit.
     * A container never started stays created.
     */
    static boolean restartsAtDaemonStart(RestartPolicy p, ContainerRecord c) {
        if (c.startedNanos() == 0 || !c.status().equals("exited")) {
            return false;
        }
        return switch (p.name()) {
            case "always" -> true;
            case "unless-stopped" -> !c.manuallyStopped();
            case "on-failure" -> restartsAfterExit(p, c.exitCode(), c.restartCount(), c.manuallyStopped());
            default -> false;
        };
    }
}
