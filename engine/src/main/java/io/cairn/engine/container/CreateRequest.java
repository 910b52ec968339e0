package io.cairn.engine.container;

import io.cairn.engine.event.MountSpec;
import java.util.List;
import java.util.Map;

/**
 * What {@code cairn create}/{@code run} asks for, before it is resolved against the image. A
 * {@code null} list means "the image's"; {@code entrypoint} as an empty list clears the image's
 * (Docker's {@code --entrypoint ""}).
 */
public record CreateRequest(String image, String name, List<String> entrypoint, List<String> cmd, List<String> env,
                            String workingDir, String user, String hostname, Map<String, String> labels,
                            List<MountSpec> mounts, boolean readOnly, String network, List<String> capAdd,
                            List<String> capDrop, boolean privileged, List<String> securityOpt,
                            boolean autoRemove, io.cairn.engine.event.NetworkOptions net, String ip,
                            List<String> aliases) {

    /** A request without network options (ports, DNS, hosts, address, aliases). */
    public CreateRequest(String image, String name, List<String> entrypoint, List<String> cmd, List<String> env,
                         String workingDir, String user, String hostname, Map<String, String> labels,
                         List<MountSpec> mounts, boolean readOnly, String network, List<String> capAdd,
                         List<String> capDrop, boolean privileged, List<String> securityOpt, boolean autoRemove) {
        this(image, name, entrypoint, cmd, env, workingDir, user, hostname, labels, mounts, readOnly, network, capAdd,
                capDrop, privileged, securityOpt, autoRemove, null, "", List.of());
    }
}
