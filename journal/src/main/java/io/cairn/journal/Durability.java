package io.cairn.journal;

/** How far {@link Journal#flush()} goes before it returns. */
public enum Durability {
    /**
     * Entries survive a crash of the process (SIGKILL) once appended: the mapped pages belong to
     * the kernel. Power loss may lose the last batches.
     */
    PROCESS,
    /** {@link Journal#flush()} also forces the written pages to the device (one fsync per batch). */
    SYNC
}
