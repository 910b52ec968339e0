package io.cairn.engine.runtime.spec;

import java.util.List;

/**
 * A {@code USER[:GROUP]} resolved against the container's own /etc/passwd and /etc/group.
 *
 * @param uid            the user ID
 * @param gid            the primary group ID
 * @param additionalGids supplementary groups (from /etc/group membership, when no group was given)
 * @param home           the home directory from /etc/passwd, {@code /} when the user has no entry
 */
public record ResolvedUser(long uid, long gid, List<Long> additionalGids, String home) {
    public ResolvedUser {
        additionalGids = List.copyOf(additionalGids);
    }
}
