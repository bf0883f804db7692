package io.parley.realtime.push;

import io.parley.eventstore.StorePositions;
import io.parley.eventstore.StreamHead;
import io.parley.processing.NodeThread;
import io.parley.processing.ProjectionProgress;
import io.parley.realtime.api.Push;
import io.parley.realtime.api.PushComposer;
import io.parley.realtime.api.PushCursor;
import io.parley.realtime.api.StoredEvent;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * This node's pushes, from the event stream, in global-position order: the store is read strictly in
 * that order (see {@code InOrderJdbcEventStorageEngine}), and an event's pushes go out by their index,
 * so a push's cursor ({@link PushCursor}) only ever increases on a socket. {@link #released()} is the
 * high-water mark: every push of every event up to that position has gone out (or is held by a socket
 * that is catching up). A resume reads the store up to {@link #handedOut()}, which also covers the batch
 * being handed to the sockets as it starts.
 */
@Component
public class PushStream extends NodeThread {

    private static final Logger log = LoggerFactory.getLogger(PushStream.class);

    private final EventStore eventStore;
    private final StreamHead head;
    private final StorePositions positions;
    private final List<ComposerRoute> composers;
    private final PushDelivery sockets;
    private final ProjectionProgress readModels;
    /** Events composed together at most: what one read of the store gives. */
    private static final int BATCH = 500;
    /** How long the stream waits for the read models before it says, in the log, that it still waits. */
    private static final Duration READ_MODELS_PATIENCE = Duration.ofSeconds(10);
    private static final long REOPEN_PAUSE_MILLIS = 200;
    private volatile long released;
    private volatile long handedOut;

    public PushStream(EventStore eventStore, StreamHead head, StorePositions positions, List<PushComposer> composers,
                      PushDelivery sockets, ProjectionProgress readModels) {
        super("parley-push-stream");
        this.eventStore = eventStore;
        this.head = head;
        this.positions = positions;
        this.composers = ComposerRoute.of(composers);
        this.sockets = sockets;
        this.readModels = readModels;
    }

    /** Every push of every event up to this position has been sent (or held for a resuming socket). */
    public long released() {
        return released;
    }

    /**
     * The position up to which pushes are being or have been handed to the sockets. A socket registered while
     * a batch is handed out may be passed over by it (its user's pushes went out just before), and
     * {@link #released()} moves only after the batch: a catch-up that stopped there would miss the batch's
     * pushes. Up to here it cannot: pushes handed out after the socket was registered reach it live, and those
     * it already got by the catch-up are dropped there.
     */
    public long handedOut() {
        return handedOut;
    }

    /** The pushes of one event, as live delivery computes them. */
    private List<Push> compose(StoredEvent event) {
        List<Push> pushes = new ArrayList<>();
        for (ComposerRoute route : composers) {
            if (route.takes(event)) {
                pushes.addAll(route.composer().compose(event.message(), event.position()));
            }
        }
        return pushes;
    }

    @Override
    protected void beforeStart() {
        released = head.position();
        handedOut = released;
    }

    @Override
    protected void loop() {
        while (running()) {
            try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(positions.after(released))) {
                while (running()) {
                    if (stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)) {
                        // Whatever has arrived meanwhile goes out as one batch: one wait for the read models
                        // and one read of each read model for all of it, not one per event.
                        List<StoredEvent> batch = new ArrayList<>();
                        while (batch.size() < BATCH && stream.hasNextAvailable()) {
                            TrackedEventMessage<?> event = stream.nextAvailable();
                            long position = StorePositions.of(event.trackingToken());
                            if (position > released
                                    && (batch.isEmpty() || position > batch.get(batch.size() - 1).position())) {
                                batch.add(new StoredEvent(event, position));
                            }
                        }
                        if (!batch.isEmpty()) {
                            deliver(batch);
                            released = batch.get(batch.size() - 1).position();
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("push stream interrupted, reopening at {}: {}", released, e.toString());
                if (!pauseBeforeReopening()) {
                    return;
                }
            }
        }
    }

    /** What failed (the database, a query handler) is given a moment to come back; false when stopping. */
    private boolean pauseBeforeReopening() {
        try {
            TimeUnit.MILLISECONDS.sleep(REOPEN_PAUSE_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void deliver(List<StoredEvent> batch) throws InterruptedException {
        long last = batch.get(batch.size() - 1).position();
        // The pushes read the read models, so they wait until those have the batch. During a replay
        // that can take a while; a push is late then, never lost.
        while (running() && !readModels.awaitProcessed(last, READ_MODELS_PATIENCE)) {
            log.info("pushes wait for the read models to reach position {}", last);
        }
        List<Push> pushes = new ArrayList<>();
        try {
            for (ComposerRoute route : composers) {
                List<StoredEvent> its = route.its(batch);
                if (!its.isEmpty()) {
                    pushes.addAll(route.composer().composeLive(its));
                }
            }
        } catch (RuntimeException e) {
            if (sidesAway(e)) {
                throw e; // not the events' fault: the stream reopens after the last delivered batch
            }
            // One event's failure must not cost the others their pushes: compose them one by one.
            log.warn("pushes of the events at {}..{} failed together; composing them one by one", batch.get(0).position(),
                     last, e);
            pushes.clear();
            for (StoredEvent event : batch) {
                try {
                    pushes.addAll(compose(event));
                } catch (RuntimeException single) {
                    if (sidesAway(single)) {
                        throw single; // nothing of this batch was delivered: it is composed again on reopening
                    }
                    log.error("pushes of the event at {} ({}) failed", event.position(),
                              event.message().getPayloadType().getSimpleName(), single);
                }
            }
        }
        // In cursor order: by position, and an event's pushes by their index.
        pushes.sort(java.util.Comparator.comparingLong(Push::seq));
        handedOut = last; // before the first socket gets one: see handedOut()
        for (Push push : pushes) {
            sockets.deliver(push);
        }
        for (ComposerRoute route : composers) {
            try {
                route.composer().delivered();
            } catch (RuntimeException e) {
                log.error("a push composer failed after the pushes up to {}", last, e);
            }
        }
    }

    /**
     * Whether a failure is the database or the read models being out of reach (a lost or refused connection,
     * or, through Axon Server, a query handler gone or none connected) rather than something about the events:
     * an event is passed over only for the latter, never for an outage.
     */
    static boolean sidesAway(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.axonframework.axonserver.connector.AxonServerException
                || t instanceof org.axonframework.queryhandling.NoHandlerForQueryException) {
                return true;
            }
            if (t instanceof org.springframework.dao.DataAccessResourceFailureException
                || t instanceof org.springframework.dao.TransientDataAccessException
                || t instanceof java.sql.SQLTransientConnectionException
                || t instanceof java.sql.SQLNonTransientConnectionException
                || t instanceof java.sql.SQLRecoverableException
                || t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }
}
