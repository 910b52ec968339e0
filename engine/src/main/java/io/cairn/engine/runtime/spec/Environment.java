package io.cairn.engine.runtime.spec;

import io.cairn.api.InvalidArgumentException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The init process's environment, built as Docker builds it: {@code PATH} (Docker's default) and
 * {@code HOSTNAME} first, then the image's Env, then the run's {@code -e}/{@code --env-file}
 * entries, each replacing an earlier entry of the same key in place; finally {@code HOME} from the
 * resolved user's passwd entry when nothing set it (runc would add the same).
 */
public final class Environment {

    /** Docker's default PATH for Linux containers. */
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private Environment() {
    }

    /**
     * @throws InvalidArgumentException for an entry without {@code =} or with an empty key, naming it
     */
    public static List<String> build(List<String> imageEnv, List<String> runEnv, String hostname, String home) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", DEFAULT_PATH);
        env.put("HOSTNAME", hostname);
        put(env, imageEnv == null ? List.of() : imageEnv, "image Env");
        put(env, runEnv, "--env");
        env.putIfAbsent("HOME", home);
        List<String> out = new ArrayList<>(env.size());
        env.forEach((k, v) -> out.add(k + "=" + v));
        return List.copyOf(out);
    }

    private static void put(Map<String, String> env, List<String> entries, String source) {
        for (String e : entries) {
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw new InvalidArgumentException("invalid environment entry \"" + e + "\" in " + source
                        + ": expected KEY=value");
            }
            env.put(e.substring(0, eq), e.substring(eq + 1));
        }
    }
}
