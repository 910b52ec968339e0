package io.cairn.engine.recovery;

import io.cairn.journal.Journal;
import io.cairn.journal.JournalException;
import io.cairn.journal.VerifyReport;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The verification of the part of the journal a start did not verify: after a crash the start
 * verifies only the entries it replays (those after the index's last applied one), and this audit
 * reads the whole journal afterwards, on a thread of its own, once the daemon answers.
 *
 * <p>What damage found here means: the index already holds those entries (it applied them when they
 * were sound), so the live state is sound, but the journal can no longer rebuild it -- the audit
 * trail is broken. Like a start that finds damage, the audit deletes nothing and changes nothing:
 * it logs an error, {@link #warnings()} puts it in {@code cairn info} ({@code Warnings} of
 * {@code /info}), {@link #problem()} in {@code cairn system check}, and {@code journal rebuild}
 * refuses the journal as it always does. The operator decides: {@code cairn journal verify} lists
 * the damage, {@code cairn journal repair} (daemon stopped) cuts the journal back and salvages what
 * the cut index no longer knows. A journal with damage is never sealed by the clean stop that
 * follows, so the next start audits it again and reports it again.
 *
 * <p>A journal the previous clean stop sealed needs no audit ({@link #sealed()}).
 */
public final class JournalAudit {

    private static final Logger LOG = Logger.getLogger(JournalAudit.class.getName());

    private final Journal journal;
    private final CompletableFuture<VerifyReport> result = new CompletableFuture<>();
    private final AtomicBoolean started = new AtomicBoolean();

    private JournalAudit(Journal journal, VerifyReport done) {
        this.journal = journal;
        if (done != null) {
            started.set(true);
            result.complete(done);
        }
    }

    /** An audit still to run over {@code journal}. */
    public static JournalAudit pending(Journal journal) {
        return new JournalAudit(journal, null);
    }

    /** The audit of a journal already verified whole ({@code report}): nothing left to read. */
    public static JournalAudit done(Journal journal, VerifyReport report) {
        return new JournalAudit(journal, report);
    }

    /** Starts the verification on a background thread; once only. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(this::run, "cairn-journal-audit");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private void run() {
        try {
            VerifyReport report = journal.verify();
            if (!report.ok()) {
                LOG.severe(message(report));
            }
            result.complete(report);
        } catch (JournalException e) {
            // the journal closed under it (the daemon stops): nothing was judged, nothing is reported
            result.completeExceptionally(e);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "journal audit failed: " + e, e);
            result.completeExceptionally(e);
        }
    }

    /** The report when the audit has finished, empty while it runs (or failed to run). */
    public Optional<VerifyReport> report() {
        return result.isDone() && !result.isCompletedExceptionally() ? Optional.of(result.join()) : Optional.empty();
    }

    /**
     * Waits for the audit, running it on this thread when nobody started it, and returns its report.
     *
     * @throws JournalException when the journal closed before the audit finished
     */
    public VerifyReport await() {
        if (started.compareAndSet(false, true)) {
            run();
        }
        try {
            return result.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** For {@code /info}'s {@code Warnings}: the damage found, or nothing (also while the audit runs). */
    public java.util.List<String> warnings() {
        return report().filter(r -> !r.ok()).map(r -> java.util.List.of(message(r))).orElse(java.util.List.of());
    }

    /** For {@code system check}: the damage found (waiting for the audit), or empty. */
    public Optional<String> problem() {
        VerifyReport r = await();
        return r.ok() ? Optional.empty() : Optional.of(message(r));
    }

    static String message(VerifyReport report) {
        return "journal audit: the journal is " + report.summary() + "; the index already holds those entries, so the"
                + " live state is sound, but the journal can no longer rebuild it ('journal rebuild' refuses it)."
                + " Nothing was changed or deleted. 'cairn journal verify' lists every problem; 'cairn journal repair'"
                + " (daemon stopped) cuts the journal back to index " + (report.firstBadIndex() - 1)
                + " and keeps the damaged copy";
    }
}
