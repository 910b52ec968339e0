package io.cairn.storage.standin;

/**
 * Stands in for a class of the storage module, which the journal module's class path lacks (and must):
 * {@code io.cairn.journal.ModuleRulesTest} proves its rule fires on a journal class that uses one.
 */
public final class StorageStandIn {

    private StorageStandIn() {
    }

    public static void use() {
        // a dependency is all the test needs
    }
}
