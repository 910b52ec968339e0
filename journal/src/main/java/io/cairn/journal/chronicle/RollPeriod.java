package io.cairn.journal.chronicle;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;

/**
 * How often the journal starts a new file. Daily suits a daemon (a few files a year per busy
 * host); the shorter periods exist so that tests and benchmarks can cross a roll.
 */
public enum RollPeriod {
    FIVE_MINUTES(RollCycles.FIVE_MINUTELY),
    HOURLY(RollCycles.FAST_HOURLY),
    DAILY(RollCycles.FAST_DAILY);

    private final RollCycle cycle;

    RollPeriod(RollCycle cycle) {
        this.cycle = cycle;
    }

    RollCycle chronicleCycle() {
        return cycle;
    }
}
