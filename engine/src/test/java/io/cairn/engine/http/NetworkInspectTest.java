package io.cairn.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.engine.Engine;
import io.cairn.engine.FakeRuntime;
import io.cairn.engine.TestEngines;
import io.cairn.engine.network.NetworkRecord;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /networks/{id}}'s {@code Options} are the driver options the network was created with,
 * as Docker reports them: none for a user network. docker-compose compares them with its file's
 * {@code driver_opts} and refused a second {@code up} ("network … needs to be recreated - option
 * com.docker.network.bridge.name has changed") while Cairn listed its generated bridge name there.
 */
class NetworkInspectTest {

    @TempDir
    Path root;

    @Test
    void aUserNetworkHasNoOptionsTheDefaultBridgeNamesItsBridge() throws Exception {
        try (Engine engine = TestEngines.open(root, new TestEngines.MemoryLocation(), new FakeRuntime())) {
            NetworkRecord app = engine.networks().create("proj_default", "bridge", "10.213.91.0/24", "", "", false,
                    Map.of("com.docker.compose.project", "proj"), 0);
            Map<String, Object> inspect = NetworkRoutes.network(app, engine.networks(), engine.containers());
            assertEquals(Map.of(), inspect.get("Options"), inspect.toString());
            assertEquals(Map.of("com.docker.compose.project", "proj"), inspect.get("Labels"));

            NetworkRecord bridge = new NetworkRecord(app.id(), NetworkRecord.DEFAULT, "bridge",
                    "cairn" + app.id().substring(0, 8), app.subnet(), app.gateway(), app.ipRange(), false, false,
                    Map.of(), app.createdNanos());
            assertEquals(Map.of("com.docker.network.bridge.name", bridge.bridge()),
                    NetworkRoutes.network(bridge, engine.networks(), engine.containers()).get("Options"),
                    "Docker's predefined bridge names its interface, as docker0's does");
        }
    }
}
