package io.parley.realtime.api;

import org.axonframework.eventhandling.EventMessage;

import java.util.List;
import java.util.Set;

/**
 * Turns an event into the pushes it causes. Called once the read models have handled the event's
 * position, for live pushes and for resume alike, so both send exactly the same frames with the same
 * cursors ({@link PushCursor}: the event's position and the push's index among the event's pushes,
 * which a composer gives from the event and the read models alone, never from who asks).
 */
public interface PushComposer {

    /**
     * The events this composer makes pushes of, by payload type. The push stream and catch-ups hand it
     * these alone, so a composer is never asked about another API's events.
     */
    Set<Class<?>> pushedEvents();

    /** The pushes of the event at this position, in cursor order; empty when the event pushes nothing. */
    List<Push> compose(EventMessage<?> event, long position);

    /**
     * The live pushes of a batch of its events (positions ascending), exactly as {@link #compose} gives
     * them one by one, in position order. A composer may read the read models once for the whole batch.
     */
    default List<Push> composeLive(List<StoredEvent> batch) {
        List<Push> pushes = new java.util.ArrayList<>();
        for (StoredEvent event : batch) {
            pushes.addAll(compose(event.message(), event.position()));
        }
        return pushes;
    }

    /**
     * The pushes of the batches composed live so far have been handed to the sockets: called by the push
     * stream's thread after each batch, whatever its composing did.
     */
    default void delivered() {
    }

    /**
     * One user's catch-up over the events from {@code fromPosition} up to {@code upTo}. It composes a
     * batch of events at a time, with one read-model query per kind of read where {@link #compose} asks
     * per event, and skips the events whose pushes cannot reach the user before composing them. It may
     * keep what holds for the whole catch-up (a dialog's participants, the user's memberships) from one
     * batch to the next.
     */
    CatchUp catchUp(long userId, long fromPosition, long upTo);

    interface CatchUp {

        /**
         * Exactly the pushes {@link #compose} gives these of its events (positions ascending, all at or
         * below {@code upTo}) that reach the user, in the same order and with the same cursors.
         */
        List<Push> compose(List<StoredEvent> batch);
    }
}
