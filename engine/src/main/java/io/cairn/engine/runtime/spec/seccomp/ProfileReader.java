package io.cairn.engine.runtime.spec.seccomp;

import io.cairn.engine.json.Mappers;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.api.InvalidArgumentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Reads and checks a seccomp profile file. A file that does not parse, or whose actions,
 * operators or argument indexes are not ones libseccomp knows, is rejected with the file name
 * and the JSON path of the problem (so a typo fails at {@code create}, not inside runc).
 */
public final class ProfileReader {

    static final Set<String> ACTIONS = Set.of("SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD",
            "SCMP_ACT_TRAP", "SCMP_ACT_ERRNO", "SCMP_ACT_TRACE", "SCMP_ACT_ALLOW", "SCMP_ACT_LOG", "SCMP_ACT_NOTIFY");
    static final Set<String> OPS = Set.of("SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE", "SCMP_CMP_EQ",
            "SCMP_CMP_GE", "SCMP_CMP_GT", "SCMP_CMP_MASKED_EQ");

    private static final ObjectMapper MAPPER = Mappers.TOLERANT;

    private ProfileReader() {
    }

    /** Reads {@code file}; the error names it. */
    public static Profile read(Path file) {
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidArgumentException("seccomp profile " + file + " does not exist");
        } catch (IOException e) {
            throw new InvalidArgumentException("cannot read seccomp profile " + file + ": " + e.getMessage());
        }
        return parse(json, file.toString());
    }

    /** Parses and checks {@code json}; {@code what} names it in errors. */
    public static Profile parse(byte[] json, String what) {
        Profile p;
        try {
            p = MAPPER.readValue(json, Profile.class);
        } catch (JsonMappingException e) {
            throw new InvalidArgumentException("invalid seccomp profile " + what + ": " + e.getOriginalMessage()
                    + " at " + Mappers.jsonPath(e));
        } catch (JacksonException e) {
            throw new InvalidArgumentException("invalid seccomp profile " + what + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (p == null) {
            throw new InvalidArgumentException("invalid seccomp profile " + what + ": not a JSON object");
        }
        check(p, what);
        return p;
    }

    private static void check(Profile p, String what) {
        if (p.defaultAction() == null || !ACTIONS.contains(p.defaultAction())) {
            throw new InvalidArgumentException("invalid seccomp profile " + what + ": defaultAction "
                    + p.defaultAction() + " is not a seccomp action");
        }
        if (p.architectures() != null && !p.architectures().isEmpty() && p.archMap() != null && !p.archMap().isEmpty()) {
            throw new InvalidArgumentException("invalid seccomp profile " + what
                    + ": 'architectures' and 'archMap' must not both be given");
        }
        List<Profile.Group> groups = p.syscalls() == null ? List.of() : p.syscalls();
        for (int i = 0; i < groups.size(); i++) {
            Profile.Group g = groups.get(i);
            String at = what + " at $.syscalls[" + i + "]";
            if (g == null) {
                throw new InvalidArgumentException("invalid seccomp profile " + at + ": null rule");
            }
            boolean hasNames = g.names() != null && !g.names().isEmpty();
            boolean hasName = g.name() != null && !g.name().isEmpty();
            if (hasNames == hasName) {
                throw new InvalidArgumentException("invalid seccomp profile " + at
                        + ": give exactly one of 'names' and 'name'");
            }
            if (g.action() == null || !ACTIONS.contains(g.action())) {
                throw new InvalidArgumentException("invalid seccomp profile " + at + ": action " + g.action()
                        + " is not a seccomp action");
            }
            List<Profile.Arg> args = g.args() == null ? List.of() : g.args();
            for (int j = 0; j < args.size(); j++) {
                Profile.Arg a = args.get(j);
                if (a == null || a.index() == null || a.index() < 0 || a.index() > 5 || a.value() == null
                        || a.op() == null || !OPS.contains(a.op())) {
                    throw new InvalidArgumentException("invalid seccomp profile " + at + ".args[" + j
                            + "]: needs index 0-5, value and an SCMP_CMP_* op");
                }
            }
        }
    }
}
