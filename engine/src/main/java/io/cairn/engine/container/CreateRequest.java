package io.cairn.engine.container;

import io.cairn.engine.event.ContainerSettings;
import io.cairn.engine.event.MountSpec;
import io.cairn.engine.event.Resources;
import java.util.List;
import java.util.Map;

/**
 * What {@code cairn create}/{@code run} asks for, before it is resolved against the image. A
 * {@code null} list means "the image's"; {@code entrypoint} as an empty list clears the image's
 * (Docker's {@code --entrypoint ""}).
 *
 * @param resources  the limits as given, checked at create
 * @param stopSignal {@code --stop-signal}, {@code null} for the image's (else SIGTERM)
 * @param net        ports, DNS and hosts ({@code null}: none); {@code ip} and {@code aliases} on the network joined at create
 * @param settings   the later flags, not yet resolved against the image ({@code healthcheck} {@code null}
 *                   inherits the image's; {@code exposedPorts} are added to the image's)
 */
public record CreateRequest(String image, String name, List<String> entrypoint, List<String> cmd, List<String> env,
                            String workingDir, String user, String hostname, Map<String, String> labels,
                            List<MountSpec> mounts, boolean readOnly, String network, List<String> capAdd,
                            List<String> capDrop, boolean privileged, List<String> securityOpt,
                            boolean autoRemove, Resources resources, String stopSignal, ContainerSettings settings,
                            io.cairn.engine.event.NetworkOptions net, String ip, List<String> aliases) {

    public CreateRequest {
        ip = ip == null ? "" : ip;
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    /** A request without limits and with {@link ContainerSettings#defaults()}. */
    public CreateRequest(String image, String name, List<String> entrypoint, List<String> cmd, List<String> env,
                         String workingDir, String user, String hostname, Map<String, String> labels,
                         List<MountSpec> mounts, boolean readOnly, String network, List<String> capAdd,
                         List<String> capDrop, boolean privileged, List<String> securityOpt, boolean autoRemove) {
        this(image, name, entrypoint, cmd, env, workingDir, user, hostname, labels, mounts, readOnly, network, capAdd,
                capDrop, privileged, securityOpt, autoRemove, Resources.NONE, null, null, null, "", List.of());
    }
}
