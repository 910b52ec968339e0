package io.cairn.engine.build.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.dockerfile.Position;
import io.cairn.dockerfile.Word;
import io.cairn.dockerfile.instructions.Mount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheMountsTest {

    @TempDir
    Path top;

    private static Mount cache(String id, Mount.Sharing sharing) {
        return new Mount(new Word("type=cache", new Position(1, 1)), Mount.Type.CACHE, "/c", Optional.empty(),
                Optional.empty(), false, Optional.of(id), sharing, Optional.empty(), Optional.empty(), Optional.empty(),
                false, Optional.empty(), Optional.empty());
    }

    @Test
    void sharedStepsUseOneDirectoryAndAPrivateOneGetsItsOwnWhileItIsInUse() throws Exception {
        CacheMounts mounts = new CacheMounts(top);
        try (CacheMounts.Lease a = mounts.acquire(cache("go", Mount.Sharing.SHARED), "/c");
             CacheMounts.Lease b = mounts.acquire(cache("go", Mount.Sharing.SHARED), "/c");
             CacheMounts.Lease c = mounts.acquire(cache("go", Mount.Sharing.PRIVATE), "/c")) {
            assertEquals(a.dir(), b.dir());
            assertNotEquals(a.dir(), c.dir());
            assertTrue(Files.isDirectory(c.dir()));
        }
        try (CacheMounts.Lease again = mounts.acquire(cache("go", Mount.Sharing.PRIVATE), "/c")) {
            assertEquals(top.resolve(again.dir().getFileName()), again.dir());
            assertFalse(again.dir().getFileName().toString().contains("-"), "free again: the shared directory");
        }
    }

    @Test
    void pruneRemovesOnlyWhatNoStepUsesAndCountsItsBytes() throws Exception {
        CacheMounts mounts = new CacheMounts(top);
        Path idle;
        try (CacheMounts.Lease l = mounts.acquire(cache("idle", Mount.Sharing.SHARED), "/c")) {
            idle = l.dir();
            Files.writeString(idle.resolve("f"), "12345");
        }
        try (CacheMounts.Lease busy = mounts.acquire(cache("busy", Mount.Sharing.LOCKED), "/c")) {
            CacheMounts.Pruned pruned = mounts.prune();
            assertEquals(List.of(idle.getFileName().toString()), pruned.names());
            assertEquals(5, pruned.bytes());
            assertFalse(Files.exists(idle));
            assertTrue(Files.isDirectory(busy.dir()), "a cache in use stays");
        }
        assertEquals(1, mounts.prune().names().size());
    }
}
