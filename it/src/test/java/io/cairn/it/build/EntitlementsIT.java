package io.cairn.it.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.it.Exec;
import org.junit.jupiter.api.Test;

/**
 * {@code RUN --network=host} needs the caller's consent, as BuildKit's {@code network.host}
 * entitlement does (issue 10, A7): {@code --allow network.host}, or {@code --network host} for the
 * whole build (buildx grants the entitlement with it). Without either, the build is refused before
 * any step runs, naming the Dockerfile line.
 */
class EntitlementsIT extends BuildRoot {

    /** True in the host's network namespace (more interfaces than lo), false in an empty one. */
    private static final String HOST_NETWORK = "test $(grep -c : /proc/net/dev) -gt 1";

    @Test
    void runNetworkHostIsRefusedWithoutTheEntitlementBeforeAnyStepRuns() throws Exception {
        write("Dockerfile", "FROM bb\nRUN echo first-step-ran-$((6 * 7))\nRUN --network=host " + HOST_NETWORK + "\n");
        Exec.Result refused = build("--progress", "plain", "--no-cache");
        assertEquals(1, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("Dockerfile:3:1: RUN --network=host: network.host is not allowed"), refused.toString());
        assertTrue(refused.err().contains("--allow network.host"), refused.toString());
        assertFalse((refused.out() + refused.err()).contains("first-step-ran-42"), "no step ran: " + refused);
    }

    @Test
    void allowNetworkHostGrantsTheHostsNetworkToThatRunOnly() throws Exception {
        write("Dockerfile", "FROM bb\nRUN ! " + HOST_NETWORK + "\nRUN --network=host " + HOST_NETWORK + "\n");
        ok(build("-q", "--allow", "network.host"));
    }

    @Test
    void networkHostForTheWholeBuildGrantsItAsBuildxDoes() throws Exception {
        write("Dockerfile", "FROM bb\nRUN " + HOST_NETWORK + "\nRUN --network=host " + HOST_NETWORK + "\n");
        ok(build("-q", "--network", "host"));
    }

    @Test
    void anOnbuildTriggerOfTheBaseImageIsRefusedToo() throws Exception {
        write("Dockerfile", "FROM bb\nONBUILD RUN --network=host " + HOST_NETWORK + "\n");
        ok(build("-q", "-t", "hostile-base"));
        write("Dockerfile", "FROM hostile-base\nRUN true\n");
        Exec.Result refused = build("-q");
        assertEquals(1, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("Dockerfile:1:1: ONBUILD trigger RUN --network=host: network.host is not allowed"),
                refused.toString());
        ok(build("-q", "--allow", "network.host"));
        ok(cairn.run("rmi", "hostile-base"));
    }

    @Test
    void anUnknownEntitlementIsAUsageError() throws Exception {
        write("Dockerfile", "FROM bb\n");
        Exec.Result bad = build("--allow", "security.insecure");
        assertEquals(125, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("--allow: invalid entitlement \"security.insecure\""), bad.toString());
    }
}
