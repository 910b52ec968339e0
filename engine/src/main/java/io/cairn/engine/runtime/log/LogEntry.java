package io.cairn.engine.runtime.log;

import java.time.Instant;

/**
 * One line of a container's output, without its newline.
 *
 * @param time     when conmon read it (for a line conmon split, when it read the first piece)
 * @param stream   stdout or stderr
 * @param text     the line's text (UTF-8 decoded after joining the pieces)
 * @param complete whether the line ends here (a newline follows it); false for a fragment delivered
 *                 before its newline arrived ({@link LogFollower.Mode#FRAGMENTS}), for each 16 KiB piece
 *                 of a longer line (Docker's partial messages), and for a last line that never got its
 *                 newline; the next entry of the same stream continues it
 */
public record LogEntry(Instant time, LogStream stream, String text, boolean complete) {
}
