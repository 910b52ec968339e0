package io.cairn.dockerfile.plan;

import io.cairn.dockerfile.Word;
import io.cairn.dockerfile.instructions.Add;
import io.cairn.dockerfile.instructions.Copy;
import io.cairn.dockerfile.instructions.CopySource;
import io.cairn.dockerfile.instructions.CopySpec;
import io.cairn.dockerfile.instructions.Env;
import io.cairn.dockerfile.instructions.Expose;
import io.cairn.dockerfile.instructions.Instruction;
import io.cairn.dockerfile.instructions.InvalidInstructionException;
import io.cairn.dockerfile.instructions.KeyValue;
import io.cairn.dockerfile.instructions.Label;
import io.cairn.dockerfile.instructions.StopSignal;
import io.cairn.dockerfile.instructions.User;
import io.cairn.dockerfile.instructions.Volume;
import io.cairn.dockerfile.instructions.Workdir;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks of expanded values that need no build context: ports, signals, modes, owners, URLs. */
final class Validation {

    private static final Pattern PORT = Pattern.compile("^(\\d{1,5})(?:-(\\d{1,5}))?(?:/([A-Za-z]+))?$");
    private static final Pattern CHOWN = Pattern.compile("^[^:\\s]+(?::[^:\\s]+)?$");
    private static final Pattern OCTAL = Pattern.compile("^[0-7]{1,4}$");
    private static final Pattern SYMBOLIC = Pattern.compile("^[ugoa]*[-+=][rwxXst]*(?:,[ugoa]*[-+=][rwxXst]*)*$");
    private static final Pattern DIGEST = Pattern.compile("^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$");
    private static final Set<String> SIGNALS = Set.of("ABRT", "ALRM", "BUS", "CHLD", "CLD", "CONT", "FPE", "HUP",
            "ILL", "INT", "IO", "IOT", "KILL", "PIPE", "POLL", "PROF", "PWR", "QUIT", "SEGV", "STKFLT", "STOP",
            "SYS", "TERM", "TRAP", "TSTP", "TTIN", "TTOU", "UNUSED", "URG", "USR1", "USR2", "VTALRM", "WINCH",
            "XCPU", "XFSZ");
    private static final Pattern RT_SIGNAL = Pattern.compile("^RTM(?:IN|AX)(?:[+-]\\d{1,2})?$");

    private Validation() {
    }

    static void check(Instruction in) throws InvalidInstructionException {
        if (in instanceof Expose e) {
            for (Word p : e.ports()) {
                port(p);
            }
        } else if (in instanceof StopSignal s) {
            signal(s.signal());
        } else if (in instanceof Workdir w) {
            nonEmpty(w.path(), "WORKDIR");
        } else if (in instanceof User u) {
            nonEmpty(u.user(), "USER");
        } else if (in instanceof Volume v) {
            for (Word p : v.paths()) {
                if (p.text().isBlank()) {
                    throw new InvalidInstructionException(p.position(), "VOLUME specified can not be an empty string");
                }
            }
        } else if (in instanceof Env env) {
            keys(env.variables(), "ENV");
        } else if (in instanceof Label label) {
            keys(label.labels(), "LABEL");
        } else if (in instanceof Copy c) {
            spec(c.spec(), "COPY");
            local(c.spec());
            if (c.from().isPresent() && c.from().get().text().isEmpty()) {
                throw new InvalidInstructionException(c.from().get().position(), "COPY --from cannot be empty");
            }
        } else if (in instanceof Add a) {
            spec(a.spec(), "ADD");
            checksum(a);
        }
    }

    private static void nonEmpty(Word w, String kw) throws InvalidInstructionException {
        if (w.text().isEmpty()) {
            throw new InvalidInstructionException(w.position(), kw + " cannot be empty (it expanded to \"\")");
        }
    }

    private static void keys(java.util.List<KeyValue> kvs, String kw) throws InvalidInstructionException {
        for (KeyValue kv : kvs) {
            if (kv.key().text().isEmpty()) {
                throw new InvalidInstructionException(kv.key().position(), kw + " names can not be blank");
            }
        }
    }

    private static void port(Word w) throws InvalidInstructionException {
        Matcher m = PORT.matcher(w.text());
        if (!m.matches()) {
            String why = w.text().contains(":") ? "EXPOSE only accepts ports, not IP addresses or host ports: \""
                    : "invalid port for EXPOSE: \"";
            throw new InvalidInstructionException(w.position(), why + w.text()
                    + "\" (expected PORT[/PROTO] or START-END[/PROTO], PROTO tcp, udp or sctp)");
        }
        int start = Integer.parseInt(m.group(1));
        int end = m.group(2) == null ? start : Integer.parseInt(m.group(2));
        if (start > 65535 || end > 65535 || end < start) {
            throw new InvalidInstructionException(w.position(), "invalid port range for EXPOSE: \"" + w.text() + "\"");
        }
        String proto = m.group(3) == null ? "tcp" : m.group(3).toLowerCase(Locale.ROOT);
        if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
            throw new InvalidInstructionException(w.position(), "invalid protocol for EXPOSE: \"" + w.text()
                    + "\" (tcp, udp or sctp)");
        }
    }

    private static void signal(Word w) throws InvalidInstructionException {
        String s = w.text().toUpperCase(Locale.ROOT);
        if (s.matches("\\d{1,2}")) {
            int n = Integer.parseInt(s);
            if (n >= 1 && n <= 64) {
                return;
            }
        }
        String name = s.startsWith("SIG") ? s.substring(3) : s;
        if (SIGNALS.contains(name) || RT_SIGNAL.matcher(name).matches()) {
            return;
        }
        throw new InvalidInstructionException(w.position(), "invalid signal for STOPSIGNAL: \"" + w.text() + "\"");
    }

    private static void spec(CopySpec spec, String kw) throws InvalidInstructionException {
        Optional<Word> chown = spec.chown();
        if (chown.isPresent() && !CHOWN.matcher(chown.get().text()).matches()) {
            throw new InvalidInstructionException(chown.get().position(), "invalid --chown for " + kw + ": \""
                    + chown.get().text() + "\" (expected user[:group], names or ids)");
        }
        Optional<Word> chmod = spec.chmod();
        if (chmod.isPresent() && !OCTAL.matcher(chmod.get().text()).matches()
                && !SYMBOLIC.matcher(chmod.get().text()).matches()) {
            throw new InvalidInstructionException(chmod.get().position(), "invalid --chmod for " + kw + ": \""
                    + chmod.get().text() + "\" (expected an octal mode like 0755 or a symbolic one like u+x)");
        }
        Word dest = spec.destination();
        if (dest.text().isEmpty()) {
            throw new InvalidInstructionException(dest.position(), kw + " destination cannot be empty");
        }
        for (CopySource s : spec.sources()) {
            if (s instanceof CopySource.Path p && p.path().text().isEmpty()) {
                throw new InvalidInstructionException(p.path().position(), kw + " source cannot be empty");
            }
        }
    }

    /** COPY reads the context or a stage, never the network: BuildKit's refusals, git first. */
    private static void local(CopySpec spec) throws InvalidInstructionException {
        for (CopySource s : spec.sources()) {
            if (s instanceof CopySource.Path p && p.isRemote()) {
                throw new InvalidInstructionException(p.path().position(), isHttp(p.path().text()) && !isGit(p.path().text())
                        ? "source can't be a URL for COPY" : "source can't be a git ref for COPY");
            }
        }
    }

    /** An HTTP(S) URL of a git repository ({@code .git}, maybe with a {@code #ref:dir} fragment). */
    private static boolean isGit(String src) {
        int hash = src.indexOf('#');
        return (hash < 0 ? src : src.substring(0, hash)).endsWith(".git");
    }

    private static void checksum(Add a) throws InvalidInstructionException {
        if (a.checksum().isEmpty()) {
            return;
        }
        Word sum = a.checksum().get();
        if (!DIGEST.matcher(sum.text()).matches()) {
            throw new InvalidInstructionException(sum.position(), "invalid --checksum for ADD: \"" + sum.text()
                    + "\" (expected ALGORITHM:HEX, e.g. sha256:...)");
        }
        for (CopySource s : a.spec().sources()) {
            if (!(s instanceof CopySource.Path p) || !isHttp(p.path().text())) {
                throw new InvalidInstructionException(sum.position(), "checksum can't be specified for non-HTTP(S) sources");
            }
        }
    }

    /** Whether an ADD source is fetched over HTTP(S). */
    static boolean isHttp(String src) {
        String s = src.toLowerCase(Locale.ROOT);
        return s.startsWith("http://") || s.startsWith("https://");
    }
}
