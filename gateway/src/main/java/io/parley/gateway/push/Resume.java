package io.parley.gateway.push;

import io.parley.gateway.ParleyProperties;
import io.parley.gateway.socket.ParleySocket;
import jakarta.annotation.PreDestroy;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Brings a new socket up to date: every push its user was entitled to after {@code since}, read from
 * the event store and composed exactly as live pushes are, then live. It composes a batch of events at
 * a time (as many as one fetch from the store gives) with each composer's {@link PushComposer.CatchUp},
 * which asks the read models once per batch instead of once per event, and queues each batch's frames
 * as soon as they are composed. Live pushes that arrive meanwhile
 * are held by the socket and released after the catch-up, without the ones it already sent: no gap, no
 * duplicate at the seam. Every socket goes through here, also one without {@code since} (from the
 * position it was told in hello), so none can slip between two pushes while it connects.
 */
@Component
public class Resume {

    private static final Logger log = LoggerFactory.getLogger(Resume.class);
    static final String RESYNC_REQUIRED = "{\"event\":\"resync_required\"}";

    private final EventStore eventStore;
    private final PushStream pushes;
    private final List<PushComposer> composers;
    private final long maxEvents;
    private final int batchSize;
    private final ExecutorService catchUps = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "parley-resume");
        thread.setDaemon(true);
        return thread;
    });

    public Resume(EventStore eventStore, PushStream pushes, List<PushComposer> composers, ParleyProperties properties) {
        this.eventStore = eventStore;
        this.pushes = pushes;
        this.composers = composers;
        this.maxEvents = properties.getPush().getResumeMaxEvents();
        this.batchSize = properties.getEventStore().getBatchSize();
    }

    /** Catches the socket up from {@code since}; the socket must already hold its live pushes. */
    public void start(ParleySocket socket, long since) {
        catchUps.execute(() -> catchUp(socket, since));
    }

    private void catchUp(ParleySocket socket, long since) {
        long upTo = pushes.released();
        try {
            if (since >= upTo) {
                // Nothing missed (or a position from the future): live pushes only, none at or below since.
                socket.finishCatchUp(since);
                return;
            }
            if (upTo - since > maxEvents) {
                socket.send(RESYNC_REQUIRED);
                socket.finishCatchUp(upTo);
                return;
            }
            long started = System.nanoTime();
            List<PushComposer.CatchUp> catchUps = new ArrayList<>();
            for (PushComposer composer : composers) {
                catchUps.add(composer.catchUp(socket.userId(), since, upTo));
            }
            List<StoredEvent> batch = new ArrayList<>(batchSize);
            int sent = 0;
            long position = since;
            // A store stream may end early (at a batch cut short by a hole), so read until upTo is passed,
            // opening the stream again where the last one stopped.
            while (position < upTo && socket.isOpen()) {
                long before = position;
                try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(
                        GapAwareTrackingToken.newInstance(position, Collections.emptySortedSet()))) {
                    while (position < upTo && socket.isOpen() && stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)) {
                        TrackedEventMessage<?> event = stream.nextAvailable();
                        long seq = event.trackingToken().position().orElseThrow();
                        if (seq > upTo) {
                            position = upTo;
                            break;
                        }
                        batch.add(new StoredEvent(event, seq));
                        position = seq;
                        if (batch.size() == batchSize) {
                            sent += send(socket, catchUps, batch);
                        }
                    }
                    sent += send(socket, catchUps, batch);
                }
                if (position == before) {
                    break; // nothing more is stored up to upTo: the rest are holes
                }
            }
            socket.finishCatchUp(upTo);
            if (sent > 0) {
                log.debug("resumed user {} from {} to {}: {} frames in {} ms", socket.userId(), since, upTo, sent,
                          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("resume of user {} from {} failed; asking the client to resync", socket.userId(), since, e);
            socket.send(RESYNC_REQUIRED);
            socket.finishCatchUp(upTo);
        }
    }

    /** Composes the batch's frames for the socket's user, queues them (paced), and empties the batch. */
    private static int send(ParleySocket socket, List<PushComposer.CatchUp> catchUps, List<StoredEvent> batch)
            throws InterruptedException {
        if (batch.isEmpty() || !socket.isOpen()) {
            batch.clear();
            return 0;
        }
        List<Push> pushes = new ArrayList<>();
        for (PushComposer.CatchUp catchUp : catchUps) {
            pushes.addAll(catchUp.compose(batch));
        }
        // Sorting is stable: at one position the composers' pushes stay in live delivery's order.
        pushes.sort(Comparator.comparingLong(Push::seq));
        List<String> frames = new ArrayList<>(pushes.size());
        for (Push push : pushes) {
            frames.add(push.frame());
        }
        batch.clear();
        socket.sendPaced(frames);
        return frames.size();
    }

    @PreDestroy
    void stop() {
        catchUps.shutdownNow();
    }
}
