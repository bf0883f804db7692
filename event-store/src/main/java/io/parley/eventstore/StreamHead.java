package io.parley.eventstore;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/** The position of the newest event in the store: what {@code hello} reports as {@code seq}. */
@Component
public class StreamHead {

    private final EventStore eventStore;

    public StreamHead(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public long position() {
        return StorePositions.of(eventStore.createHeadToken());
    }
}
