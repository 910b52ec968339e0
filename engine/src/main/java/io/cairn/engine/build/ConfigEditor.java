package io.cairn.engine.build;

import io.cairn.dockerfile.Word;
import io.cairn.dockerfile.instructions.Cmd;
import io.cairn.dockerfile.instructions.CommandForm;
import io.cairn.dockerfile.instructions.Entrypoint;
import io.cairn.dockerfile.instructions.Env;
import io.cairn.dockerfile.instructions.Expose;
import io.cairn.dockerfile.instructions.HealthConfig;
import io.cairn.dockerfile.instructions.Healthcheck;
import io.cairn.dockerfile.instructions.Instruction;
import io.cairn.dockerfile.instructions.KeyValue;
import io.cairn.dockerfile.instructions.Label;
import io.cairn.dockerfile.instructions.Maintainer;
import io.cairn.dockerfile.instructions.Onbuild;
import io.cairn.dockerfile.instructions.Shell;
import io.cairn.dockerfile.instructions.StopSignal;
import io.cairn.dockerfile.instructions.User;
import io.cairn.dockerfile.instructions.Volume;
import io.cairn.dockerfile.instructions.Workdir;
import io.cairn.dockerfile.dockerignore.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metadata instructions' effect on the {@code config} object of an image config (Docker's
 * field names): ENV, LABEL, EXPOSE, VOLUME, USER, WORKDIR, STOPSIGNAL, CMD, ENTRYPOINT,
 * HEALTHCHECK, SHELL, ONBUILD; MAINTAINER sets the image's {@code author}. Instructions arrive
 * expanded.
 */
final class ConfigEditor {

    /** The shell of shell-form commands when the image sets none. */
    static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

    private ConfigEditor() {
    }

    /**
     * Applies a metadata instruction to {@code image} (the whole image config, changed in place).
     *
     * @param cmdSet whether this stage set CMD before (then ENTRYPOINT keeps it, as in Docker)
     * @return whether the instruction was a metadata instruction
     */
    static boolean apply(Map<String, Object> image, Instruction in, boolean cmdSet) {
        Map<String, Object> c = config(image);
        if (in instanceof Env e) {
            Map<String, String> env = env(c);
            for (KeyValue kv : e.variables()) {
                env.put(kv.key().text(), kv.value().text());
            }
            List<String> list = new ArrayList<>();
            env.forEach((k, v) -> list.add(k + "=" + v));
            c.put("Env", list);
        } else if (in instanceof Label l) {
            Map<String, Object> labels = map(c, "Labels");
            l.labels().forEach(kv -> labels.put(kv.key().text(), kv.value().text()));
            c.put("Labels", labels);
        } else if (in instanceof Expose x) {
            Map<String, Object> ports = map(c, "ExposedPorts");
            exposed(x).forEach(p -> ports.put(p, Map.of()));
            c.put("ExposedPorts", ports);
        } else if (in instanceof Volume v) {
            Map<String, Object> volumes = map(c, "Volumes");
            v.paths().forEach(p -> volumes.put(p.text(), Map.of()));
            c.put("Volumes", volumes);
        } else if (in instanceof User u) {
            c.put("User", u.user().text());
        } else if (in instanceof Workdir w) {
            c.put("WorkingDir", workdir(c, w.path().text()));
        } else if (in instanceof StopSignal s) {
            c.put("StopSignal", s.signal().text());
        } else if (in instanceof Cmd cmd) {
            c.put("Cmd", argv(cmd.command(), c));
        } else if (in instanceof Entrypoint e) {
            c.put("Entrypoint", argv(e.command(), c));
            if (!cmdSet) {
                c.remove("Cmd"); // ENTRYPOINT resets an inherited CMD
            }
        } else if (in instanceof Healthcheck h) {
            c.put("Healthcheck", health(h, c));
        } else if (in instanceof Shell s) {
            c.put("Shell", s.argv().stream().map(Word::text).toList());
        } else if (in instanceof Onbuild o) {
            List<Object> triggers = new ArrayList<>(list(c, "OnBuild"));
            triggers.add(o.expression());
            c.put("OnBuild", triggers);
        } else if (in instanceof Maintainer m) {
            image.put("author", m.name().text());
        } else {
            return false;
        }
        image.put("config", c);
        return true;
    }

    /** A WORKDIR relative to the current one, cleaned. */
    static String workdir(Map<String, Object> c, String path) {
        Object previous = c.get("WorkingDir");
        String base = previous == null || previous.toString().isEmpty() ? "/" : previous.toString();
        return Paths.clean(path.startsWith("/") ? path : base + "/" + path);
    }

    /** Exec form as is; shell form through the stage's SHELL. */
    static List<String> argv(CommandForm form, Map<String, Object> c) {
        if (form instanceof CommandForm.ExecForm exec) {
            return exec.argv().stream().map(Word::text).toList();
        }
        List<String> argv = new ArrayList<>(shell(c));
        argv.add(((CommandForm.ShellForm) form).script().text());
        return argv;
    }

    @SuppressWarnings("unchecked")
    /**
     * EXPOSE's ports as Docker stores them: {@code PORT/PROTO}, tcp by default, a range
     * {@code START-END} one entry per port (the planner has validated them).
     */
    static List<String> exposed(Expose x) {
        List<String> out = new ArrayList<>();
        for (Word p : x.ports()) {
            String text = p.text().toLowerCase(java.util.Locale.ROOT);
            int slash = text.indexOf('/');
            String ports = slash < 0 ? text : text.substring(0, slash);
            String proto = slash < 0 ? "tcp" : text.substring(slash + 1);
            int dash = ports.indexOf('-');
            if (dash < 0) {
                out.add(ports + "/" + proto);
                continue;
            }
            int start = Integer.parseInt(ports.substring(0, dash));
            int end = Integer.parseInt(ports.substring(dash + 1));
            for (int n = start; n <= end; n++) {
                out.add(n + "/" + proto);
            }
        }
        return out;
    }

    static List<String> shell(Map<String, Object> c) {
        Object s = c.get("Shell");
        return s instanceof List<?> l && !l.isEmpty() ? (List<String>) l : DEFAULT_SHELL;
    }

    private static Map<String, Object> health(Healthcheck h, Map<String, Object> c) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (h.isNone()) {
            out.put("Test", List.of("NONE"));
            return out;
        }
        HealthConfig hc = h.config().get();
        List<String> test = new ArrayList<>();
        if (hc.test() instanceof CommandForm.ExecForm exec) {
            test.add("CMD");
            exec.argv().forEach(w -> test.add(w.text()));
        } else {
            test.add("CMD-SHELL");
            test.add(((CommandForm.ShellForm) hc.test()).script().text());
        }
        out.put("Test", test);
        put(out, "Interval", hc.interval());
        put(out, "Timeout", hc.timeout());
        put(out, "StartPeriod", hc.startPeriod());
        put(out, "StartInterval", hc.startInterval());
        if (hc.retries() > 0) {
            out.put("Retries", hc.retries());
        }
        return out;
    }

    private static void put(Map<String, Object> out, String key, Duration d) {
        if (d != null && !d.isZero()) {
            out.put(key, d.toNanos());
        }
    }

    /** The {@code config} object of an image config, as a mutable copy. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> config(Map<String, Object> image) {
        Object c = image.get("config");
        return c instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
    }

    /** The environment of a {@code config} object, in order. */
    static Map<String, String> env(Map<String, Object> c) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Object entry : list(c, "Env")) {
            String s = entry.toString();
            int eq = s.indexOf('=');
            env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
        }
        return env;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> c, String key) {
        Object v = c.get(key);
        return v instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
    }

    static List<?> list(Map<String, Object> c, String key) {
        Object v = c.get(key);
        return v instanceof List<?> l ? l : List.of();
    }
}
