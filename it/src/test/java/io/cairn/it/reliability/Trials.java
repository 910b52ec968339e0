package io.cairn.it.reliability;

import java.time.Duration;

/**
 * How long the fault-injection ITs run. In CI: the fixed minimum of trials with fixed seeds. Standalone,
 * system properties raise it (Maven passes {@code -D} options on to the test JVM):
 * <pre>
 * mvn -B -o -pl it -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=CrashMatrixIT -Dcairn.crash.trials=1000 -Dcairn.crash.minutes=600 [-Dcairn.crash.seed=N]
 * </pre>
 * The budget bounds only the trials beyond the CI minimum: the minimum always runs, and no assertion
 * depends on time.
 */
public final class Trials {

    /** Trials per operation (or per fault) in CI. */
    public static final int CI_MINIMUM = 10;

    private Trials() {
    }

    /** Trials per operation: {@code cairn.crash.trials}, at least {@link #CI_MINIMUM}. */
    public static int perOperation() {
        return Math.max(CI_MINIMUM, Integer.getInteger("cairn.crash.trials", CI_MINIMUM));
    }

    /** Rounds of a test whose CI figure is {@code ciRounds}, scaled as {@link #perOperation()} scales. */
    public static int rounds(int ciRounds) {
        return ciRounds * perOperation() / CI_MINIMUM;
    }

    /** The base seed: {@code cairn.crash.seed}, else a fixed one, so that a CI failure replays. */
    public static long seed(long fixed) {
        return Long.getLong("cairn.crash.seed", fixed);
    }

    /** How long trials beyond the minimum may run: {@code cairn.crash.minutes} (default 30). */
    public static Duration budget() {
        return Duration.ofMinutes(Long.getLong("cairn.crash.minutes", 30));
    }
}
