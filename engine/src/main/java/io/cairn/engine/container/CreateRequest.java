package io.cairn.engine.container;

import io.cairn.engine.event.MountSpec;
import io.cairn.engine.event.Resources;
import java.util.List;
import java.util.Map;

/**
 * What {@code cairn create}/{@code run} asks for, before it is resolved against the image. A
 * {@code null} list means "the image's"; {@code entrypoint} as an empty list clears the image's
 * (Docker's {@code --entrypoint ""}). {@code resources} are the limits as given, checked at create.
 */
public record CreateRequest(String image, String name, List<String> entrypoint, List<String> cmd, List<String> env,
                            String workingDir, String user, String hostname, Map<String, String> labels,
                            List<MountSpec> mounts, boolean readOnly, String network, List<String> capAdd,
                            List<String> capDrop, boolean privileged, List<String> securityOpt,
                            boolean autoRemove, Resources resources) {

    /** A request without limits. */
    public CreateRequest(String image, String name, List<String> entrypoint, List<String> cmd, List<String> env,
                         String workingDir, String user, String hostname, Map<String, String> labels,
                         List<MountSpec> mounts, boolean readOnly, String network, List<String> capAdd,
                         List<String> capDrop, boolean privileged, List<String> securityOpt, boolean autoRemove) {
        this(image, name, entrypoint, cmd, env, workingDir, user, hostname, labels, mounts, readOnly, network, capAdd,
                capDrop, privileged, securityOpt, autoRemove, Resources.NONE);
    }
}
