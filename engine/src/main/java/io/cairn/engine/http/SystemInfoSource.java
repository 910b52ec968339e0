package io.cairn.engine.http;

import io.cairn.api.SystemInfo;
import java.util.function.Supplier;

/** Produces {@code GET /info}'s answer; the daemon owns the facts (pid, durability, runtime). */
@FunctionalInterface
public interface SystemInfoSource extends Supplier<SystemInfo> {
}
