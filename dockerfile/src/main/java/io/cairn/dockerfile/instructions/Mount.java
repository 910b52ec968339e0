package io.cairn.dockerfile.instructions;

import io.cairn.dockerfile.Word;
import java.util.Optional;

/**
 * One {@code RUN --mount=...}, parsed from its comma-separated {@code key=value} list.
 *
 * @param spec     the flag's value as written (expansion re-parses it)
 * @param type     bind (default), cache, tmpfs, secret or ssh
 * @param target   mount point in the container; may be empty only for secret and ssh
 * @param source   path in {@code from} (bind, cache) or the context
 * @param from     stage or image to mount from (bind, cache)
 * @param readOnly read-only; the default is true for bind, false otherwise
 * @param id       cache id, secret id or ssh id
 * @param sharing  cache sharing: shared (default), private or locked
 * @param mode     octal file mode (cache, secret, ssh)
 * @param uid      owner uid (cache, secret, ssh)
 * @param gid      owner gid (cache, secret, ssh)
 * @param required fail when the secret or ssh socket is missing
 * @param size     tmpfs size limit in bytes
 * @param env      secret exposed as this environment variable
 */
public record Mount(Word spec, Type type, String target, Optional<String> source, Optional<String> from,
                   boolean readOnly, Optional<String> id, Sharing sharing, Optional<Integer> mode,
                   Optional<Integer> uid, Optional<Integer> gid, boolean required, Optional<Long> size,
                   Optional<String> env) {

    /** Mount types of {@code RUN --mount}. */
    public enum Type { BIND, CACHE, TMPFS, SECRET, SSH }

    /** How concurrent builds share a cache mount. */
    public enum Sharing { SHARED, PRIVATE, LOCKED }
}
