package io.cairn.journal.standin;

/**
 * Stands in for a class of the journal module, which the storage module's class path lacks (and must):
 * {@code io.cairn.storage.ModuleRulesTest} proves its rule fires on a storage class that uses one.
 */
public final class JournalStandIn {

    private JournalStandIn() {
    }

    public static void use() {
        // a dependency is all the test needs
    }
}
