package io.cairn.engine.ruleprobe;

/**
 * Stands for the engine in ModuleRulesTest's negative test: the cli's tests have no engine jar, so
 * this class in the engine's namespace is what a client class there reaches, and the rule must catch.
 */
public final class Forbidden {
    private Forbidden() {
    }

    public static int call() {
        return 0;
    }
}
