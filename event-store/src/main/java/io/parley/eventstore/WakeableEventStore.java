package io.parley.eventstore;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.util.List;

/**
 * Axon's embedded event store, whose reader can be woken from outside: by another node's commit, told by
 * {@link CommitNotifications}. Its own commits wake it as before, and are passed on to the other nodes.
 */
public class WakeableEventStore extends EmbeddedEventStore {

    private volatile Runnable afterLocalCommit = () -> {
    };

    public WakeableEventStore(Builder builder) {
        super(builder);
    }

    /** Events may have arrived: the reader reads now rather than after its fetch delay. */
    public void wake() {
        commitHeard();
        super.afterCommit(List.of());
    }

    /** Parley's engine is told of every commit made or heard of, before the reader is woken ({@link HeadRead}). */
    private void commitHeard() {
        if (storageEngine() instanceof InOrderJdbcEventStorageEngine engine) {
            engine.commitHeard();
        }
    }

    void afterLocalCommit(Runnable action) {
        afterLocalCommit = action;
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        commitHeard();
        super.afterCommit(events);
        afterLocalCommit.run();
    }
}
