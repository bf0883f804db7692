package io.parley.eventstore;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

/** The position of the newest event in the store: what {@code hello} reports as {@code seq}. */
@Component
public class StreamHead {

    private final EventStore eventStore;

    public StreamHead(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public long position() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }
}
