package io.cairn.engine.image;

import io.cairn.api.InvalidArgumentException;
import io.cairn.dockerfile.Diagnostic;
import io.cairn.dockerfile.Word;
import io.cairn.dockerfile.instructions.Cmd;
import io.cairn.dockerfile.instructions.CommandForm;
import io.cairn.dockerfile.instructions.DockerfileModel;
import io.cairn.dockerfile.instructions.Entrypoint;
import io.cairn.dockerfile.instructions.Env;
import io.cairn.dockerfile.instructions.Expander;
import io.cairn.dockerfile.instructions.Expose;
import io.cairn.dockerfile.instructions.Instruction;
import io.cairn.dockerfile.instructions.InstructionParser;
import io.cairn.dockerfile.instructions.InvalidInstructionException;
import io.cairn.dockerfile.instructions.KeyValue;
import io.cairn.dockerfile.instructions.Label;
import io.cairn.dockerfile.instructions.Onbuild;
import io.cairn.dockerfile.instructions.StopSignal;
import io.cairn.dockerfile.instructions.User;
import io.cairn.dockerfile.instructions.Volume;
import io.cairn.dockerfile.instructions.Workdir;
import io.cairn.dockerfile.parser.Directives;
import io.cairn.dockerfile.parser.DockerfileParser;
import io.cairn.dockerfile.shell.ShellLex;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Docker's {@code --change} / {@code -c} for {@code import} and {@code commit}: Dockerfile
 * instructions (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, USER, VOLUME, WORKDIR, STOPSIGNAL)
 * applied to an image config's {@code config} object, with the Dockerfile front end's parser and
 * variable expansion (against the config's own ENV).
 */
public final class ConfigChanges {

    private static final Set<String> ALLOWED = Set.of("CMD", "ENTRYPOINT", "ENV", "EXPOSE", "LABEL", "ONBUILD",
            "USER", "VOLUME", "WORKDIR", "STOPSIGNAL");

    private ConfigChanges() {
    }

    /**
     * Applies {@code changes}, in order, to a copy of {@code base}.
     *
     * @throws InvalidArgumentException naming the change that does not parse or is not allowed
     */
    public static Map<String, Object> apply(Map<String, Object> base, List<String> changes) {
        Map<String, Object> config = new LinkedHashMap<>(base);
        boolean cmdChanged = false;
        for (String change : changes) {
            Instruction instruction = expand(parse(change), config);
            if (instruction instanceof Cmd c) {
                config.put("Cmd", argv(c.command()));
                cmdChanged = true;
            } else if (instruction instanceof Entrypoint e) {
                config.put("Entrypoint", argv(e.command()));
                if (!cmdChanged) {
                    config.remove("Cmd"); // as in a Dockerfile, ENTRYPOINT resets an inherited CMD
                }
            } else if (instruction instanceof Env e) {
                Map<String, String> env = envMap(config);
                for (KeyValue kv : e.variables()) {
                    env.put(kv.key().text(), kv.value().text());
                }
                List<String> list = new ArrayList<>();
                env.forEach((k, v) -> list.add(k + "=" + v));
                config.put("Env", list);
            } else if (instruction instanceof Label l) {
                Map<String, Object> labels = map(config, "Labels");
                l.labels().forEach(kv -> labels.put(kv.key().text(), kv.value().text()));
                config.put("Labels", labels);
            } else if (instruction instanceof Expose x) {
                Map<String, Object> ports = map(config, "ExposedPorts");
                for (Word port : x.ports()) {
                    ports.put(port.text().contains("/") ? port.text() : port.text() + "/tcp", Map.of());
                }
                config.put("ExposedPorts", ports);
            } else if (instruction instanceof Volume v) {
                Map<String, Object> volumes = map(config, "Volumes");
                v.paths().forEach(p -> volumes.put(p.text(), Map.of()));
                config.put("Volumes", volumes);
            } else if (instruction instanceof User u) {
                config.put("User", u.user().text());
            } else if (instruction instanceof Workdir w) {
                String dir = w.path().text();
                Object previous = config.get("WorkingDir");
                config.put("WorkingDir", dir.startsWith("/") || previous == null ? dir
                        : java.nio.file.Path.of(previous.toString()).resolve(dir).normalize().toString());
            } else if (instruction instanceof StopSignal s) {
                config.put("StopSignal", s.signal().text());
            } else if (instruction instanceof Onbuild o) {
                List<Object> triggers = new ArrayList<>(list(config, "OnBuild"));
                triggers.add(o.expression());
                config.put("OnBuild", triggers);
            }
        }
        return config;
    }

    private static Instruction parse(String change) {
        String text = "FROM scratch\n" + change.strip() + "\n";
        DockerfileModel model = InstructionParser.parse(DockerfileParser.parse(text));
        for (Diagnostic d : model.diagnostics()) {
            if (d.isError()) {
                throw new InvalidArgumentException("invalid change \"" + change + "\": " + d.message());
            }
        }
        List<Instruction> instructions = model.stages().isEmpty() ? List.of() : model.stages().get(0).instructions();
        if (instructions.size() != 1) {
            throw new InvalidArgumentException("invalid change \"" + change + "\": expected exactly one instruction");
        }
        Instruction instruction = instructions.get(0);
        if (!ALLOWED.contains(instruction.keyword())) {
            throw new InvalidArgumentException(instruction.keyword() + " is not a valid change command");
        }
        return instruction;
    }

    private static Instruction expand(Instruction instruction, Map<String, Object> config) {
        Map<String, String> env = envMap(config);
        ShellLex lex = new ShellLex(Directives.DEFAULT_ESCAPE);
        try {
            return new Expander(text -> lex.processWord(text, env::get)).expand(instruction);
        } catch (InvalidInstructionException e) {
            throw new InvalidArgumentException("invalid change \"" + instruction.node().original() + "\": " + e.getMessage());
        }
    }

    private static List<String> argv(CommandForm form) {
        if (form instanceof CommandForm.ExecForm exec) {
            return exec.argv().stream().map(Word::text).toList();
        }
        return List.of("/bin/sh", "-c", ((CommandForm.ShellForm) form).script().text());
    }

    private static Map<String, String> envMap(Map<String, Object> config) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Object entry : list(config, "Env")) {
            String s = entry.toString();
            int eq = s.indexOf('=');
            env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
        }
        return env;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> config, String key) {
        Object v = config.get(key);
        return v instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
    }

    private static List<?> list(Map<String, Object> config, String key) {
        Object v = config.get(key);
        return v instanceof List<?> l ? l : List.of();
    }
}
