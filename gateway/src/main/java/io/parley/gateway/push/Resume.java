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

import java.util.Collections;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Brings a new socket up to date: every push its user was entitled to after {@code since}, read from
 * the event store and composed exactly as live pushes are, then live. Live pushes that arrive meanwhile
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
    private final long maxEvents;
    private final ExecutorService catchUps = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "parley-resume");
        thread.setDaemon(true);
        return thread;
    });

    public Resume(EventStore eventStore, PushStream pushes, ParleyProperties properties) {
        this.eventStore = eventStore;
        this.pushes = pushes;
        this.maxEvents = properties.getPush().getResumeMaxEvents();
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
                        for (Push push : pushes.compose(event, seq)) {
                            if (push.userIds().contains(socket.userId())) {
                                socket.sendPaced(push.frame());
                                sent++;
                            }
                        }
                        position = seq;
                    }
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

    @PreDestroy
    void stop() {
        catchUps.shutdownNow();
    }
}
