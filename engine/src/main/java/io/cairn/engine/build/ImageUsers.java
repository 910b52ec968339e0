package io.cairn.engine.build;

import io.cairn.engine.build.copy.MergedTree;
import io.cairn.engine.fs.Trees;
import io.cairn.engine.runtime.spec.ResolvedUser;
import io.cairn.engine.runtime.spec.UserResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Resolves {@code user[:group]} against an image's own {@code /etc/passwd} and {@code /etc/group}. */
final class ImageUsers {

    private ImageUsers() {
    }

    /**
     * @param gidFromUid whether a user without a group gets its uid as gid (COPY --chown, as Docker
     *                   documents it) rather than its primary group (a process's USER)
     * @return {uid, gid}
     */
    static int[] resolve(String spec, MergedTree image, Path tmp, boolean gidFromUid, String what) {
        if (spec.matches("\\d+(:\\d+)?")) {
            String[] p = spec.split(":");
            int uid = Integer.parseInt(p[0]);
            return new int[] {uid, p.length > 1 ? Integer.parseInt(p[1]) : gidFromUid ? uid : 0};
        }
        try {
            Path fake = Files.createTempDirectory(tmp, "users-");
            try {
                Files.createDirectories(fake.resolve("etc"));
                for (String f : List.of("etc/passwd", "etc/group")) {
                    Optional<MergedTree.Entry> e = image.lookup(f);
                    if (e.isPresent() && e.get().stat().isRegularFile()) {
                        Files.copy(e.get().file(), fake.resolve(f));
                    }
                }
                ResolvedUser u = new UserResolver(fake).resolve(spec);
                return new int[] {(int) u.uid(), (int) (gidFromUid && !spec.contains(":") ? u.uid() : u.gid())};
            } finally {
                Trees.delete(fake);
            }
        } catch (IOException e) {
            throw new BuildFailedException(what + ": cannot read the image's /etc/passwd: " + e.getMessage());
        }
    }
}
