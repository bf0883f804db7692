package io.parley.realtime.api;

import org.axonframework.eventhandling.EventMessage;

/** An event read from the store, with its global position. */
public record StoredEvent(EventMessage<?> message, long position) {

    public Object payload() {
        return message.getPayload();
    }
}
