package io.cairn.engine.container;

import io.cairn.engine.event.ContainerCommitted;
import io.cairn.engine.event.ContainerCreated;
import io.cairn.engine.event.ContainerDied;
import io.cairn.engine.event.ContainerKilled;
import io.cairn.engine.event.ContainerRemoved;
import io.cairn.engine.event.ContainerHealthChanged;
import io.cairn.engine.event.ContainerHealthProbed;
import io.cairn.engine.event.ContainerRestartScheduled;
import io.cairn.engine.event.ContainerStopRequested;
import io.cairn.engine.event.ContainerStarted;
import io.cairn.engine.event.ContainerStarting;
import io.cairn.engine.event.ContainerStopped;
import io.cairn.engine.event.Event;
import io.cairn.engine.event.ContainerOomKilled;
import io.cairn.engine.event.ContainerPaused;
import io.cairn.engine.event.ContainerRenamed;
import io.cairn.engine.event.ContainerRestarted;
import io.cairn.engine.event.ContainerUnpaused;
import io.cairn.engine.event.ContainerUpdated;
import io.cairn.engine.state.EventContext;
import io.cairn.engine.state.Families;
import io.cairn.engine.state.Projection;
import io.cairn.engine.state.StateReader;
import io.cairn.engine.state.StateWriter;
import java.util.Set;

/** Container events → the containers and names families. */
public final class ContainerProjection implements Projection {

    private static final Set<Class<? extends Event>> EVENTS = Set.of(ContainerCreated.class, ContainerStarting.class,
            ContainerStarted.class, ContainerDied.class, ContainerRemoved.class, ContainerKilled.class,
            ContainerStopped.class, ContainerCommitted.class, ContainerPaused.class, ContainerUnpaused.class,
            ContainerRenamed.class, ContainerUpdated.class, ContainerOomKilled.class, ContainerRestarted.class,
            ContainerRestartScheduled.class, ContainerStopRequested.class, ContainerHealthChanged.class,
            ContainerHealthProbed.class);

    @Override
    public Set<Class<? extends Event>> events() {
        return EVENTS;
    }

    @Override
    public void apply(Event event, EventContext context, StateReader state, StateWriter out) {
        if (event instanceof ContainerCreated e) {
            out.write(Families.CONTAINERS, e.id(), new ContainerRecord(e.id(), e.name(), e.imageId(), e.config(),
                    "created", 0, 0, "", context.timeNanos(), 0, 0));
            out.put(Families.NAMES, e.name(), e.id().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else if (event instanceof ContainerStarting e) {
            out.write(Families.CONTAINERS, e.id(), require(state, e.id()).markStarting());
        } else if (event instanceof ContainerStarted e) {
            out.write(Families.CONTAINERS, e.id(), require(state, e.id()).started(e.pid(), context.timeNanos()));
        } else if (event instanceof ContainerDied e) {
            out.write(Families.CONTAINERS, e.id(), require(state, e.id()).died(e.exitCode(), e.error(), context.timeNanos()));
        } else if (event instanceof ContainerRemoved e) {
            ContainerRecord c = require(state, e.id());
            out.delete(Families.CONTAINERS, e.id());
            out.delete(Families.NAMES, c.name());
        } else if (event instanceof ContainerPaused e) {
            out.write(Families.CONTAINERS, e.id(), require(state, e.id()).withPaused(true));
        } else if (event instanceof ContainerUnpaused e) {
            out.write(Families.CONTAINERS, e.id(), require(state, e.id()).withPaused(false));
        } else if (event instanceof ContainerOomKilled e) {
            out.write(Families.CONTAINERS, e.id(), require(state, e.id()).withOomKilled());
        } else if (event instanceof ContainerUpdated e) {
            ContainerRecord c = require(state, e.id()).withResources(e.resources());
            out.write(Families.CONTAINERS, e.id(), e.restartPolicy() == null ? c : c.withRestartPolicy(e.restartPolicy()));
        } else if (event instanceof ContainerRenamed e) {
            out.write(Families.CONTAINERS, e.id(), require(state, e.id()).renamed(e.newName()));
            out.delete(Families.NAMES, e.oldName());
            out.put(Families.NAMES, e.newName(), e.id().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else if (event instanceof ContainerRestartScheduled e) {
            out.write(Families.CONTAINERS, e.id(), require(state, e.id()).restartScheduled(e.restartCount()));
        } else if (event instanceof ContainerHealthChanged e) {
            out.write(Families.CONTAINERS, e.id(), require(state, e.id()).withHealth(e.status()));
        } else if (event instanceof ContainerHealthProbed e) {
            out.write(Families.CONTAINERS, e.id(), require(state, e.id()).probed(new ContainerRecord.HealthProbe(
                    e.startNanos(), context.timeNanos(), e.exitCode(), e.output()), e.failingStreak()));
        } else if (event instanceof ContainerStopRequested e) {
            out.write(Families.CONTAINERS, e.id(), require(state, e.id()).stopRequested());
        } else if (event instanceof ContainerKilled || event instanceof ContainerStopped
                || event instanceof ContainerCommitted || event instanceof ContainerRestarted) {
            // audit: the state change they cause is a ContainerDied (or an image) of its own
        } else {
            throw new IllegalArgumentException("not a " + getClass().getSimpleName() + " event: "
                    + event.getClass().getSimpleName());
        }
    }

    private static ContainerRecord require(StateReader state, String id) {
        ContainerRecord c = state.read(Families.CONTAINERS, id, ContainerRecord.class);
        if (c == null) {
            throw new IllegalStateException("event refers to container " + id + ", which the index lacks");
        }
        return c;
    }
}
