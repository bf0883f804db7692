package io.parley.processing;

import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A processor's invoker that offers each event only to the projections that handle its payload type.
 * Axon's own invoker offers every event to every projection of the processor (ten in {@code projections}),
 * and each looks through all its handlers, with streams, mostly to find none: about 30% of a replay's
 * projection thread. Which projections handle a type is found once, by asking them, and kept.
 * <p>
 * That is only right while a projection's handler is chosen by the payload's type alone: Parley's take the
 * payload and at most the tracking token, which every event a tracking processor handles has. A handler
 * that needs a metadata value would break it.
 */
final class HandlersByPayloadType implements EventHandlerInvoker {

    private final EventHandlerInvoker axons;
    private final SimpleEventHandlerInvoker projections;
    private final Map<Class<?>, List<EventMessageHandler>> byType = new ConcurrentHashMap<>();

    private HandlersByPayloadType(EventHandlerInvoker axons, SimpleEventHandlerInvoker projections) {
        this.axons = axons;
        this.projections = projections;
    }

    /** This invoker over Axon's, when Axon's is the plain kind (one group of handlers); else Axon's. */
    static EventHandlerInvoker over(EventHandlerInvoker axons) {
        if (axons instanceof SimpleEventHandlerInvoker simple) {
            return new HandlersByPayloadType(axons, simple);
        }
        if (axons instanceof MultiEventHandlerInvoker multi && multi.delegates().size() == 1
                && multi.delegates().get(0) instanceof SimpleEventHandlerInvoker simple) {
            return new HandlersByPayloadType(axons, simple);
        }
        return axons;
    }

    @Override
    public boolean canHandle(EventMessage<?> event, Segment segment) {
        return !handlersOf(event).isEmpty() && inSegment(event, segment);
    }

    @Override
    public boolean canHandleType(Class<?> payloadType) {
        return axons.canHandleType(payloadType);
    }

    /** As Axon's: each projection in turn, a failure handed to the processor's listener error handler. */
    @Override
    public void handle(EventMessage<?> event, Segment segment) throws Exception {
        if (!inSegment(event, segment)) {
            return;
        }
        for (EventMessageHandler handler : handlersOf(event)) {
            try {
                handler.handle(event);
            } catch (Exception e) {
                projections.getListenerInvocationErrorHandler().onError(e, event, handler);
            }
        }
    }

    @Override
    public boolean supportsReset() {
        return axons.supportsReset();
    }

    @Override
    public void performReset() {
        axons.performReset();
    }

    @Override
    public <R> void performReset(R resetContext) {
        axons.performReset(resetContext);
    }

    @Override
    public void segmentReleased(Segment segment) {
        axons.segmentReleased(segment);
    }

    private List<EventMessageHandler> handlersOf(EventMessage<?> event) {
        return byType.computeIfAbsent(event.getPayloadType(), type -> projections.eventHandlers().stream()
                                                                               .filter(h -> h.canHandle(event))
                                                                               .toList());
    }

    /** The segment test Axon's invoker makes: the sequence identifier's hash, the event's id if it has none. */
    private boolean inSegment(EventMessage<?> event, Segment segment) {
        Object sequence = projections.getSequencingPolicy().getSequenceIdentifierFor(event);
        return segment.matches(Objects.hashCode(sequence != null ? sequence : event.getIdentifier()));
    }
}
