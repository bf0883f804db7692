package io.parley.realtime.push;

import io.parley.realtime.api.PushComposer;
import io.parley.realtime.api.StoredEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A push composer with the events it is handed ({@link PushComposer#pushedEvents()}, read once at start). */
record ComposerRoute(PushComposer composer, Set<Class<?>> events) {

    static List<ComposerRoute> of(List<PushComposer> composers) {
        return composers.stream().map(c -> new ComposerRoute(c, Set.copyOf(c.pushedEvents()))).toList();
    }

    boolean takes(StoredEvent event) {
        return events.contains(event.message().getPayloadType());
    }

    /** The composer's events of the batch, in their order (the payload's type is known without reading it). */
    List<StoredEvent> its(List<StoredEvent> batch) {
        List<StoredEvent> its = new ArrayList<>();
        for (StoredEvent event : batch) {
            if (takes(event)) {
                its.add(event);
            }
        }
        return its;
    }
}
