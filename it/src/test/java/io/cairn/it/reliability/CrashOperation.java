package io.cairn.it.reliability;

import java.nio.file.Path;
import java.util.Random;

/**
 * One effectful operation of the crash matrix. Each trial works on objects of its own (names carry
 * the trial number), so trials of different operations can run side by side under one kill.
 */
interface CrashOperation {

    /** The operation as the CLI names it ({@code import}, {@code volume rm}, …). */
    String name();

    /** Makes what one trial needs, with the daemon up; {@code work} is a scratch directory of the test. */
    Trial prepare(Env env, int trial, Random random) throws Exception;

    /** What the trials share: the API, the root, scratch space, the base image and its saved archive. */
    record Env(Api api, Path root, Path work, String base, byte[] savedBase) {
    }

    /** One trial of the operation. */
    interface Trial {

        /** Runs the operation; returning normally means the client was told it succeeded. */
        void run(Api api) throws Exception;

        /**
         * After the daemon was killed and restarted: an acknowledged operation's outcome is there in
         * full; an unacknowledged one left either its outcome or nothing (the invariants and the leak
         * check, run before this, see to the rest).
         */
        void verify(Api api, boolean acknowledged) throws Exception;

        /** Removes what the trial made, so that the root stays small over hundreds of trials. */
        void cleanUp(Api api) throws Exception;
    }
}
