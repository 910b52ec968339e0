package io.cairn.engine.build;

import io.cairn.api.InvalidArgumentException;
import io.cairn.dockerfile.Diagnostic;
import io.cairn.dockerfile.Position;
import io.cairn.dockerfile.instructions.Run;
import io.cairn.dockerfile.plan.BuildPlan;
import io.cairn.dockerfile.plan.PlannedStage;
import io.cairn.dockerfile.plan.Step;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * BuildKit's entitlements: what a Dockerfile may take from the host only when the one who runs the
 * build allows it ({@code cairn build --allow network.host}, as {@code docker buildx build --allow}).
 * A Dockerfile, and the ONBUILD triggers of the images it starts from, are untrusted (DESIGN.md
 * "Trust boundaries"): {@code RUN --network=host} in them must not reach the host's network on their
 * own say. {@code --network host} for the whole build grants {@value #NETWORK_HOST} too, as buildx
 * does: the caller asked for the host's network in so many words.
 */
public final class Entitlements {

    /** {@code RUN --network=host}. */
    public static final String NETWORK_HOST = "network.host";

    /** The entitlements Cairn knows; {@code security.insecure} is not one: every RUN is sandboxed. */
    public static final Set<String> KNOWN = Set.of(NETWORK_HOST);

    private Entitlements() {
    }

    /** {@code allowed}, checked: each must be {@linkplain #KNOWN known}. */
    public static Set<String> of(Collection<String> allowed) {
        Set<String> out = new TreeSet<>();
        for (String a : allowed) {
            if (!KNOWN.contains(a)) {
                throw new InvalidArgumentException("invalid entitlement \"" + a + "\": Cairn knows " + KNOWN);
            }
            out.add(a);
        }
        return Set.copyOf(out);
    }

    /**
     * Refuses the build before it runs anything when a step the target needs asks for an entitlement
     * that the request does not grant; the message names the Dockerfile line (for an ONBUILD trigger,
     * the FROM that brought it) as BuildKit's "network.host is not allowed" does.
     */
    static void check(BuildRequest request, BuildPlan plan) {
        if (request.entitlements().contains(NETWORK_HOST) || request.network().equals("host")) {
            return;
        }
        for (PlannedStage stage : plan.stages()) {
            if (!stage.needed()) {
                continue;
            }
            for (Step step : stage.steps()) {
                if (step.instruction() instanceof Run run && run.network().filter("host"::equals).isPresent()) {
                    Position at = step.trigger() ? stage.stage().from().position() : run.position();
                    String what = (step.trigger() ? "ONBUILD trigger RUN" : "RUN") + " --network=host";
                    throw new InvalidArgumentException(Diagnostic.error(at, what + ": " + NETWORK_HOST
                            + " is not allowed; to grant it, run the build with --allow " + NETWORK_HOST)
                            .format(request.dockerfileName()));
                }
            }
        }
    }
}
