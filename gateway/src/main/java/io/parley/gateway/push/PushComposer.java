package io.parley.gateway.push;

import org.axonframework.eventhandling.EventMessage;

import java.util.List;

/**
 * Turns an event into the pushes it causes. Called once the read models have handled the event's
 * position, for live pushes and for resume alike, so both send exactly the same frames.
 */
public interface PushComposer {

    /** The pushes, in the order they are to be sent; empty when the event pushes nothing. */
    List<Push> compose(EventMessage<?> event, long seq);
}
