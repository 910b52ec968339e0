package io.cairn.engine.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.EventMessage;
import io.cairn.api.Filters;
import io.cairn.api.InvalidArgumentException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Docker's event filters: values of one key OR, keys AND; actors match by ID or by name. */
class EventQueryTest {

    private static final EventMessage CONTAINER_DIE = message("container", "die", "c0ffee", Map.of("name", "web",
            "exitCode", "3"));
    private static final EventMessage IMAGE_TAG = message("image", "tag", "sha256:abc", Map.of("name", "busybox:latest"));
    private static final EventMessage VOLUME_CREATE = message("volume", "create", "data", Map.of("driver", "local"));

    private static EventMessage message(String type, String action, String id, Map<String, String> attributes) {
        return new EventMessage(type, action, new EventMessage.Actor(id, attributes), "local", 1, 1_000_000_000L, 7, 0);
    }

    private static EventQuery query(String... pairs) {
        return new EventQuery(null, null, Filters.parse(List.of(pairs), EventQuery.FILTERS));
    }

    @Test
    void noFilterMatchesEverything() {
        EventQuery all = new EventQuery(null, null, Filters.none());
        assertTrue(all.matches(CONTAINER_DIE) && all.matches(IMAGE_TAG) && all.matches(VOLUME_CREATE));
    }

    @Test
    void valuesOfOneKeyAreOrAndKeysAreAnd() {
        EventQuery types = query("type=container", "type=volume");
        assertTrue(types.matches(CONTAINER_DIE));
        assertTrue(types.matches(VOLUME_CREATE));
        assertFalse(types.matches(IMAGE_TAG));
        EventQuery typeAndAction = query("type=container", "event=start");
        assertFalse(typeAndAction.matches(CONTAINER_DIE), "both keys must match");
        assertTrue(query("type=container", "event=die").matches(CONTAINER_DIE));
        assertTrue(query("action=die").matches(CONTAINER_DIE), "action is event's other name");
        assertFalse(query("action=create").matches(CONTAINER_DIE));
    }

    @Test
    void actorFiltersMatchTheirTypeByIdOrName() {
        assertTrue(query("container=c0ffee").matches(CONTAINER_DIE));
        assertTrue(query("container=web").matches(CONTAINER_DIE), "by the name attribute");
        assertFalse(query("container=db").matches(CONTAINER_DIE));
        assertFalse(query("container=c0ffee").matches(IMAGE_TAG), "a container filter drops other types");
        assertTrue(query("image=busybox:latest").matches(IMAGE_TAG));
        assertTrue(query("image=sha256:abc").matches(IMAGE_TAG));
        assertFalse(query("image=busybox").matches(IMAGE_TAG), "a name must match whole");
        assertTrue(query("volume=data").matches(VOLUME_CREATE));
        assertFalse(query("volume=data").matches(CONTAINER_DIE));
    }

    @Test
    void historyIsWhatSinceOrUntilAskFor() {
        assertFalse(new EventQuery(null, null, Filters.none()).history(), "a bare stream starts at the tail");
        assertTrue(new EventQuery(5L, null, Filters.none()).history());
        assertTrue(new EventQuery(null, 5L, Filters.none()).history());
    }

    @Test
    void unknownFilterKeysAreRefused() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> new EventQuery(null, null, new Filters(Map.of("colour", List.of("red")))));
        assertEquals("invalid filter 'colour'", e.getMessage());
    }
}
