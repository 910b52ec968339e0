package io.cairn.engine.event;

import java.util.List;
import java.util.Map;

/**
 * The part of {@link ContainerConfig} that {@code create}'s later flags add (Docker's field names):
 * how the engine restarts, stops, logs, and what the process gets beside its command. A journal
 * entry written before these existed decodes with {@code null} here, which {@link ContainerConfig}
 * turns into {@link #defaults()}. The exposed ports are the network's ({@link NetworkOptions#exposed}):
 * entries of {@code container.create} version 2 also carried them here, a copy that decoding ignores.
 *
 * @param restartPolicy {@code --restart}
 * @param stopTimeout   {@code --stop-timeout} in seconds, {@code null} for the caller's default (10)
 * @param init          {@code --init}: an init process (tini) runs as PID 1 and reaps zombies
 * @param tty           {@code -t}, recorded as {@code Config.Tty}
 * @param openStdin     {@code -i}, recorded as {@code Config.OpenStdin}
 * @param stdinOnce     {@code Config.StdinOnce}
 * @param attachStdin   {@code Config.AttachStdin}
 * @param attachStdout  {@code Config.AttachStdout}
 * @param attachStderr  {@code Config.AttachStderr}
 * @param groupAdd      {@code --group-add}: supplementary groups, names or numbers
 * @param devices       {@code --device}
 * @param sysctls       {@code --sysctl}, namespaced ones only
 * @param logMaxSize    {@code --log-opt max-size} in bytes, 0 for no rotation
 * @param logMaxFile    {@code --log-opt max-file}: files kept, the live one included (Docker's default 1)
 * @param healthcheck   the resolved health check (the image's unless overridden), {@code null} for none
 * @param consoleHeight {@code HostConfig.ConsoleSize[0]}: the terminal's rows at start (with {@code tty}), 0 for
 *                      the runtime's default; journaled since {@code container.create} version 2
 * @param consoleWidth  {@code HostConfig.ConsoleSize[1]}: its columns, 0 with {@code consoleHeight}
 */
public record ContainerSettings(RestartPolicy restartPolicy, Integer stopTimeout, boolean init, boolean tty,
                                boolean openStdin, boolean stdinOnce, boolean attachStdin, boolean attachStdout,
                                boolean attachStderr, List<String> groupAdd, List<DeviceMapping> devices,
                                Map<String, String> sysctls, long logMaxSize, int logMaxFile, Healthcheck healthcheck,
                                int consoleHeight, int consoleWidth) {
    public ContainerSettings {
        restartPolicy = restartPolicy == null ? RestartPolicy.none() : restartPolicy;
        groupAdd = groupAdd == null ? List.of() : List.copyOf(groupAdd);
        devices = devices == null ? List.of() : List.copyOf(devices);
        sysctls = sysctls == null ? Map.of() : Map.copyOf(sysctls);
        logMaxFile = Math.max(1, logMaxFile);
    }

    /** Docker's defaults: no restart, no init, no rotation, nothing attached. */
    public static ContainerSettings defaults() {
        return new ContainerSettings(null, null, false, false, false, false, false, false, false, null, null, null, 0,
                1, null, 0, 0);
    }

    public ContainerSettings withHealthcheck(Healthcheck h) {
        return new ContainerSettings(restartPolicy, stopTimeout, init, tty, openStdin, stdinOnce, attachStdin,
                attachStdout, attachStderr, groupAdd, devices, sysctls, logMaxSize, logMaxFile, h, consoleHeight,
                consoleWidth);
    }

    /** {@code update --restart}: the same settings with another restart policy. */
    public ContainerSettings withRestartPolicy(RestartPolicy p) {
        return new ContainerSettings(p, stopTimeout, init, tty, openStdin, stdinOnce, attachStdin, attachStdout,
                attachStderr, groupAdd, devices, sysctls, logMaxSize, logMaxFile, healthcheck, consoleHeight,
                consoleWidth);
    }
}
