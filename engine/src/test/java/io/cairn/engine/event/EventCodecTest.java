package io.cairn.engine.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The journal's payload format: every event type survives encode → decode with every field, under
 * the name {@link EventTypes} gives it; unknown types, versions and payloads are refused by name;
 * a payload written today stays readable.
 */
class EventCodecTest {

    private final EventCodec codec = new EventCodec();

    @Test
    void everyPermittedEventTypeHasAJournalName() {
        Set<String> permitted = Arrays.stream(Event.class.getPermittedSubclasses()).map(Class::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> named = EventTypes.all().stream().map(Class::getName).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(permitted, named, "an event type without a journal name cannot be journaled");
        Set<String> names = new TreeSet<>();
        for (Class<? extends Event> type : EventTypes.all()) {
            String name = EventTypes.nameOf(sample(type, 1));
            assertTrue(names.add(name), "two event types share the journal name " + name);
            assertEquals(type, EventTypes.classOf(name));
        }
    }

    @Test
    void everyEventTypeRoundTripsWithEveryField() {
        for (Class<? extends Event> type : EventTypes.all()) {
            for (int seed = 1; seed <= 2; seed++) {
                Event event = sample(type, seed);
                byte[] payload = codec.encode(event);
                Event back = codec.decode(EventTypes.nameOf(event), EventTypes.VERSION, payload);
                assertEquals(event, back, type.getSimpleName() + " lost or changed a field: "
                        + new String(payload, StandardCharsets.UTF_8));
            }
            assertNotEquals(sample(type, 1), sample(type, 2), "samples must differ, or the round trip proves little");
        }
    }

    @Test
    void payloadsAreJsonObjectsNamingTheRecordComponents() {
        String json = new String(codec.encode(new DaemonStarted("0.1.0", 42)), StandardCharsets.UTF_8);
        assertEquals("{\"version\":\"0.1.0\",\"pid\":42}", json);
    }

    @Test
    void aPayloadWrittenBeforeStaysReadableAndUnknownFieldsAreIgnored() {
        byte[] old = ("{\"name\":\"data\",\"driver\":\"local\",\"mountpoint\":\"/var/lib/cairn/volumes/data\","
                + "\"labels\":{\"team\":\"a\"},\"options\":{},\"addedLater\":true}").getBytes(StandardCharsets.UTF_8);
        assertEquals(new VolumeCreated("data", "local", "/var/lib/cairn/volumes/data", Map.of("team", "a"), Map.of()),
                codec.decode("volume.create", 1, old));
    }

    @Test
    void unknownTypesVersionsAndMalformedPayloadsAreRefusedByName() {
        byte[] payload = codec.encode(new VolumeRemoved("data"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> codec.decode("volume.explode", 1, payload));
        assertTrue(unknown.getMessage().contains("volume.explode"), unknown.getMessage());
        IllegalArgumentException tooNew = assertThrows(IllegalArgumentException.class,
                () -> codec.decode("volume.destroy", EventTypes.VERSION + 1, payload));
        assertTrue(tooNew.getMessage().contains("schema version " + (EventTypes.VERSION + 1)), tooNew.getMessage());
        assertThrows(IllegalArgumentException.class, () -> codec.decode("volume.destroy", 0, payload));
        IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class,
                () -> codec.decode("volume.destroy", 1, "{\"name\":".getBytes(StandardCharsets.UTF_8)));
        assertTrue(malformed.getMessage().startsWith("malformed 'volume.destroy' payload"), malformed.getMessage());
    }

    // ---- samples: every component gets a value that depends on the seed and on its name

    @SuppressWarnings("unchecked")
    static <T> T sample(Class<T> type, int seed) {
        assertTrue(type.isRecord(), type + " is not a record");
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = value(components[i].getGenericType(), components[i].getName(), seed + i);
        }
        try {
            Constructor<T> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            T instance = constructor.newInstance(values);
            assertNotNull(instance);
            return instance;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot build a " + type.getSimpleName(), e);
        }
    }

    private static Object value(Type type, String name, int seed) {
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (raw == List.class) {
                return List.of(value(args[0], name + "0", seed), value(args[0], name + "1", seed + 1));
            }
            if (raw == Map.class) {
                Map<Object, Object> map = new LinkedHashMap<>();
                map.put(value(args[0], name + "-key", seed), value(args[1], name + "-value", seed));
                return map;
            }
            throw new AssertionError("no sample for " + type);
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return name + "-" + seed;
        } else if (c == int.class || c == Integer.class) {
            return 10 + seed;
        } else if (c == long.class || c == Long.class) {
            return 1_000_000_000_000L + seed;
        } else if (c == boolean.class || c == Boolean.class) {
            return seed % 2 == 0;
        } else if (c.isRecord()) {
            return sample(c, seed);
        }
        throw new AssertionError("no sample for " + type);
    }
}
