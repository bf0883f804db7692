package io.parley.processing;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The projections' invoker hands each event to the same handlers, in the same order, as Axon's own. */
class HandlersByPayloadTypeTest {

    record Posted(long id) {
    }

    record Seen(long id) {
    }

    record Unhandled(long id) {
    }

    /** What the handlers of one setup were given, in order, and what failed. */
    static final class Log {
        final List<String> calls = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
    }

    static final class Messages {
        private final Log log;

        Messages(Log log) {
            this.log = log;
        }

        @EventHandler
        void on(Posted event, TrackingToken token) {
            log.calls.add("messages " + event + " at " + token.position().orElseThrow());
        }

        @EventHandler
        void on(Seen event) {
            log.calls.add("messages " + event);
        }

        @ResetHandler
        void reset() {
            log.calls.add("messages reset");
        }
    }

    static final class Counts {
        private final Log log;

        Counts(Log log) {
            this.log = log;
        }

        @EventHandler
        void on(Posted event) {
            log.calls.add("counts " + event);
            if (event.id() == 13) {
                throw new IllegalStateException("counts failed on " + event);
            }
        }
    }

    private static SimpleEventHandlerInvoker projections(Log log) {
        return SimpleEventHandlerInvoker.builder()
                                        .eventHandlers(new Messages(log), new Counts(log))
                                        .listenerInvocationErrorHandler(
                                                (e, event, handler) -> log.failures.add(e.getMessage()))
                                        .build();
    }

    private static EventMessage<?> event(long position, String aggregate, Object payload) {
        return new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(position),
                                                      new GenericDomainEventMessage<>("Test", aggregate, position,
                                                                                      payload));
    }

    private static final List<EventMessage<?>> EVENTS = List.of(
            event(1, "a", new Posted(1)), event(2, "b", new Seen(1)), event(3, "a", new Unhandled(1)),
            event(4, "c", new Posted(13)), event(5, "d", new Posted(2)), event(6, "b", new Seen(2)));

    @Test
    void eachEventReachesTheHandlersAxonsInvokerReaches() throws Exception {
        Log axons = new Log();
        Log ours = new Log();
        EventHandlerInvoker axonsInvoker = new MultiEventHandlerInvoker(projections(axons));
        EventHandlerInvoker ourInvoker = HandlersByPayloadType.over(new MultiEventHandlerInvoker(projections(ours)));
        assertThat(ourInvoker).isInstanceOf(HandlersByPayloadType.class);

        for (EventMessage<?> event : EVENTS) {
            assertThat(ourInvoker.canHandle(event, Segment.ROOT_SEGMENT))
                    .isEqualTo(axonsInvoker.canHandle(event, Segment.ROOT_SEGMENT));
            axonsInvoker.handle(event, Segment.ROOT_SEGMENT);
            ourInvoker.handle(event, Segment.ROOT_SEGMENT);
        }
        assertThat(ours.calls).isEqualTo(axons.calls).containsSubsequence(
                "messages Posted[id=1] at 1", "counts Posted[id=1]", "messages Seen[id=1]", "counts Posted[id=13]",
                "messages Posted[id=2] at 5", "counts Posted[id=2]");
        assertThat(ours.calls).noneMatch(call -> call.contains("Unhandled"));
        assertThat(ours.failures).isEqualTo(axons.failures).containsExactly("counts failed on Posted[id=13]");
        assertThat(ourInvoker.canHandle(EVENTS.get(2), Segment.ROOT_SEGMENT)).isFalse();

        ourInvoker.performReset();
        assertThat(ours.calls).endsWith("messages reset");
    }

    @Test
    void withSeveralSegmentsEachEventIsHandledInTheSegmentAxonsInvokerPicks() throws Exception {
        Segment[] halves = Segment.ROOT_SEGMENT.split();
        for (Segment segment : halves) {
            Log axons = new Log();
            Log ours = new Log();
            EventHandlerInvoker axonsInvoker = new MultiEventHandlerInvoker(projections(axons));
            EventHandlerInvoker ourInvoker = HandlersByPayloadType.over(projections(ours));
            for (EventMessage<?> event : EVENTS) {
                assertThat(ourInvoker.canHandle(event, segment)).isEqualTo(axonsInvoker.canHandle(event, segment));
                axonsInvoker.handle(event, segment);
                ourInvoker.handle(event, segment);
            }
            assertThat(ours.calls).isEqualTo(axons.calls);
        }
    }
}
