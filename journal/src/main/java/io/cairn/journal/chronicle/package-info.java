/**
 * The {@link io.cairn.journal.Journal} implementation over Chronicle Queue:
 * {@link io.cairn.journal.chronicle.ChronicleJournal}, opened with
 * {@link io.cairn.journal.chronicle.ChronicleJournalOptions}.
 *
 * <p>No Chronicle type appears in this package's public API. The JVM that opens a journal needs
 * Chronicle's {@code --add-opens}/{@code --add-exports} flags (see STACK.md).
 */
package io.cairn.journal.chronicle;
