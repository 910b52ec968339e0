package io.cairn.engine.main;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.engine.Projections;
import io.cairn.engine.daemon.config.ConfigKey;
import io.cairn.engine.daemon.config.DaemonConfigFile;
import io.cairn.engine.json.Mappers;
import io.cairn.engine.layout.RootLayout;
import io.cairn.engine.tune.Recommendation;
import io.cairn.engine.tune.Tuner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cairn system tune}: runs the write path in this process, in a scratch directory on the
 * root's file system, under a few settings (about 20 s), and prints the daemon.json settings the
 * measurements argue for. It runs in the engine's JVM, like {@code journal repair}, because it needs
 * the pipeline, the journal and RocksDB themselves; measuring inside a running daemon would make the
 * daemon's own work part of the noise. {@code --write} merges the changed settings into
 * {@code <root>/daemon.json} (durability is printed, never written: it is a safety choice).
 */
@Command(name = "tune", description = "Measure this machine and recommend daemon.json settings (about 20 s).")
final class SystemTune implements Callable<Integer> {

    @ParentCommand
    SystemCommand system;

    @Spec
    CommandSpec spec;

    @Option(names = "--write", description = "Merge the recommended changes into <root>/daemon.json.")
    boolean write;

    @Option(names = "--measure-ms", paramLabel = "MS", defaultValue = "700",
            description = "Measured time of each of the 11 trials (default: ${DEFAULT-VALUE}).")
    long measureMillis;

    @Override
    public Integer call() throws IOException {
        if (measureMillis < 100 || measureMillis > 60_000) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--measure-ms: expected 100 to 60000, got " + measureMillis);
        }
        // Chronicle's INFO lines (file growth, disk polls) would bury the report
        System.setProperty("org.slf4j.simpleLogger.log.net.openhft", "warn");
        EngineCommand cairn = (EngineCommand) spec.root().userObject();
        RootLayout root = new RootLayout(cairn.root()).create();
        PrintWriter out = spec.commandLine().getOut();
        if (Files.exists(root.pidFile())) {
            out.println("note: a daemon runs on " + root.dir() + "; its work competes with the measurements");
        }
        Path scratch = Files.createTempDirectory(root.tmp(), "tune-");
        Tuner.Report report;
        try {
            out.println("measuring in " + scratch + " …");
            out.flush();
            report = new Tuner(Projections.all(), scratch, root.index(), Math.max(100, measureMillis / 3), measureMillis)
                    .run(out);
        } finally {
            Files.deleteIfExists(scratch);
        }
        out.printf("run-to-run noise of the defaults: %.0f %%: a setting changes only for a larger gain (and at least"
                + " 15 %%)%n%n", report.noisePercent());
        out.println("Recommended settings:");
        ObjectNode changes = Mappers.CONFIG.createObjectNode();
        for (Recommendation r : report.recommendations()) {
            out.printf("  %-26s %-9s %s%n", '"' + r.key() + '"', r.value() + (r.change() ? " *" : ""), r.why());
            if (r.change() && !r.key().equals(ConfigKey.DURABILITY.key())) {
                if (r.value() instanceof Integer i) {
                    changes.put(r.key(), i);
                } else {
                    changes.put(r.key(), r.value().toString());
                }
            }
        }
        out.println("  (* differs from the default)");
        if (changes.isEmpty()) {
            out.println("The defaults suit this machine; nothing to write.");
            return 0;
        }
        out.println("daemon.json: " + Mappers.CONFIG.writeValueAsString(changes));
        if (write) {
            Path file = root.dir().resolve("daemon.json");
            merge(file, changes);
            out.println("written to " + file + "; restart the daemon to apply it");
        }
        return 0;
    }

    /** Merges {@code changes} into the file (checked first: a bad file is refused, not overwritten). */
    private static void merge(Path file, ObjectNode changes) throws IOException {
        ObjectNode merged = Mappers.CONFIG.createObjectNode();
        if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            DaemonConfigFile.read(file, false); // refuses what the daemon would refuse
            merged = (ObjectNode) Mappers.CONFIG.readTree(Files.readAllBytes(file));
        }
        merged.setAll(changes);
        byte[] bytes = Mappers.CONFIG.writerWithDefaultPrettyPrinter().writeValueAsBytes(merged);
        DaemonConfigFile.parse(file, bytes); // what is written must start the daemon
        Path tmp = file.resolveSibling("daemon.json.tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
