package io.parley.realtime.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.eventstore.EventStoreProperties;
import io.parley.eventstore.StorePositions;
import io.parley.eventstore.StreamHead;
import io.parley.realtime.RealtimeProperties;
import io.parley.realtime.api.Push;
import io.parley.realtime.api.PushComposer;
import io.parley.realtime.api.PushCursor;
import io.parley.realtime.api.StoredEvent;
import jakarta.annotation.PreDestroy;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Brings a new socket up to date: every push its user was entitled to after the cursor {@code since}
 * (also the later pushes of the event whose push {@code since} was), read from the event store and
 * composed exactly as live pushes are, then live. Live pushes that arrive meanwhile
 * are held by the socket and released after the catch-up, without the ones it already sent: no gap, no
 * duplicate at the seam. Every socket goes through here, also one without {@code since} (from the
 * position it was told in hello), so none can slip between two pushes while it connects.
 * <p>
 * A catch-up goes a batch of events at a time (as many as one fetch from the store gives): a reader
 * thread fetches and deserializes the next batch while the catch-up's own thread composes the current
 * one with each composer's {@link PushComposer.CatchUp} (a few read-model queries per batch, not per
 * event) and queues its frames.
 */
@Component
public class Resume {

    private static final Logger log = LoggerFactory.getLogger(Resume.class);

    /** Tells the client to reload, and the cursor it goes on live from (its new since after a drop). */
    record ResyncRequired(String event, Cursor data) {
        ResyncRequired(long seq) {
            this("resync_required", new Cursor(seq));
        }
    }

    record Cursor(long seq) {
    }

    private final EventStore eventStore;
    private final ObjectMapper mapper;
    private final StreamHead head;
    private final StorePositions positions;
    private final PushStream pushes;
    private final List<ComposerRoute> composers;
    private final RealtimeProperties.Push settings;
    private final int batchSize;
    private final ExecutorService catchUps = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "parley-resume");
        thread.setDaemon(true);
        return thread;
    });
    /** One store reader for each catch-up that runs. */
    private final ExecutorService readers = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "parley-resume-read");
        thread.setDaemon(true);
        return thread;
    });

    public Resume(EventStore eventStore, StreamHead head, StorePositions positions, PushStream pushes,
                  List<PushComposer> composers, RealtimeProperties properties, EventStoreProperties store, ObjectMapper mapper) {
        this.eventStore = eventStore;
        this.mapper = mapper;
        this.head = head;
        this.positions = positions;
        this.pushes = pushes;
        this.composers = ComposerRoute.of(composers);
        this.settings = properties.getPush();
        this.batchSize = store.getBatchSize();
    }

    /**
     * The cursor a new socket starts after: {@code since} when the client gives one, else (or when
     * {@code since} lies past every event stored, so no push can ever have had it) after the last push
     * this node has sent, the live stream's head.
     */
    public long startAfter(Long since) {
        long released = pushes.released();
        if (since == null) {
            return PushCursor.afterEvent(released);
        }
        if (PushCursor.position(since) > released && PushCursor.position(since) > head.position()) {
            return PushCursor.afterEvent(released);
        }
        return since;
    }

    /** Catches the socket up from the cursor {@code since}; the socket must already hold its live pushes. */
    public void start(CatchingUpSocket socket, long since) {
        catchUps.execute(() -> catchUp(socket, since));
    }

    private void catchUp(CatchingUpSocket socket, long since) {
        long upTo = pushes.handedOut(); // not released(): the batch under way may have passed this socket by
        long upToCursor = PushCursor.afterEvent(upTo);
        // The event of the push at since may have later pushes still to send: it is read again.
        long from = PushCursor.position(since);
        Future<?> reading = null;
        try {
            if (since >= upToCursor) {
                // Nothing missed (or another node's push ahead of this one's): live pushes after since only.
                socket.finishCatchUp(since);
                return;
            }
            // Read at each catch-up, so that the limit can be lowered in a running Parley (ParleySdkTest does).
            if (upTo - from > settings.getResumeMaxEvents()) {
                resync(socket, upToCursor);
                return;
            }
            long started = System.nanoTime();
            List<RoutedCatchUp> userCatchUps = new ArrayList<>();
            for (ComposerRoute route : composers) {
                userCatchUps.add(new RoutedCatchUp(route, route.composer().catchUp(socket.userId(), from, upTo)));
            }
            // The store is read a batch ahead, on a thread of its own, while this one composes and sends.
            StoreReader reader = new StoreReader(socket, from - 1, upTo);
            reading = readers.submit(reader);
            int sent = 0;
            for (List<StoredEvent> batch = reader.next(); !batch.isEmpty(); batch = reader.next()) {
                sent += send(socket, userCatchUps, batch, since);
            }
            socket.finishCatchUp(upToCursor);
            if (sent > 0) {
                log.debug("resumed user {} from {} to {}: {} frames in {} ms", socket.userId(), since, upToCursor, sent,
                          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("resume of user {} from {} failed; asking the client to resync", socket.userId(), since, e);
            resync(socket, upToCursor);
        } finally {
            if (reading != null) {
                reading.cancel(true); // done already, or nobody takes its batches any more
            }
        }
    }

    /** Asks the client to reload and goes on live after {@code upToCursor}, which the frame tells it. */
    private void resync(CatchingUpSocket socket, long upToCursor) {
        try {
            socket.send(mapper.writeValueAsString(new ResyncRequired(upToCursor)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        socket.finishCatchUp(upToCursor);
    }

    /**
     * Reads the events after position {@code after} up to {@code upTo} from the store, in batches of at
     * most one fetch, and hands them over (deserialized) through a short queue; an empty batch ends them.
     */
    private final class StoreReader implements Runnable {

        private static final List<StoredEvent> END = List.of();

        private final CatchingUpSocket socket;
        private final long after;
        private final long upTo;
        private final BlockingQueue<List<StoredEvent>> batches = new ArrayBlockingQueue<>(2);
        private volatile Throwable failure;

        StoreReader(CatchingUpSocket socket, long after, long upTo) {
            this.socket = socket;
            this.after = after;
            this.upTo = upTo;
        }

        /** The next batch in position order; empty when all are read. */
        List<StoredEvent> next() throws InterruptedException {
            List<StoredEvent> batch = batches.take();
            if (batch == END && failure != null) {
                throw new IllegalStateException("reading the store failed", failure);
            }
            return batch;
        }

        @Override
        public void run() {
            try {
                read();
            } catch (InterruptedException e) {
                return; // the catch-up has ended: nobody waits for the rest
            } catch (RuntimeException | Error e) {
                failure = e; // the catch-up fails with it, and asks the client to resync
            }
            try {
                batches.put(END);
            } catch (InterruptedException e) {
                // the catch-up has ended
            }
        }

        private void read() throws InterruptedException {
            List<StoredEvent> batch = new ArrayList<>(batchSize);
            long position = after;
            // A store stream may end early (at a batch cut short by a hole), so read until upTo is passed,
            // opening the stream again where the last one stopped.
            while (position < upTo && socket.isOpen()) {
                long before = position;
                try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(
                        positions.after(position))) {
                    while (position < upTo && socket.isOpen()
                           && stream.hasNextAvailable(positions.arrivalWaitMillis(), TimeUnit.MILLISECONDS)) {
                        TrackedEventMessage<?> event = stream.nextAvailable();
                        long at = StorePositions.of(event.trackingToken());
                        if (at > upTo) {
                            position = upTo;
                            break;
                        }
                        // Deserialized here, so that this too is done ahead of the composing thread.
                        event.getPayload();
                        event.getMetaData();
                        batch.add(new StoredEvent(event, at));
                        position = at;
                        if (batch.size() == batchSize) {
                            batches.put(batch);
                            batch = new ArrayList<>(batchSize);
                        }
                    }
                }
                if (!batch.isEmpty()) {
                    batches.put(batch);
                    batch = new ArrayList<>(batchSize);
                }
                if (position == before) {
                    return; // nothing more is stored up to upTo: the rest are holes
                }
            }
        }
    }

    /** A composer's catch-up of one user, and which events it is handed. */
    private record RoutedCatchUp(ComposerRoute route, PushComposer.CatchUp catchUp) {
    }

    /** Composes the batch's frames after the cursor {@code since} for the socket's user and queues them (paced). */
    private static int send(CatchingUpSocket socket, List<RoutedCatchUp> catchUps, List<StoredEvent> batch,
                            long since) throws InterruptedException {
        if (!socket.isOpen()) {
            return 0;
        }
        List<Push> pushes = new ArrayList<>();
        for (RoutedCatchUp routed : catchUps) {
            List<StoredEvent> its = routed.route().its(batch);
            if (its.isEmpty()) {
                continue;
            }
            for (Push push : routed.catchUp().compose(its)) {
                if (push.seq() > since) {
                    pushes.add(push);
                }
            }
        }
        pushes.sort(Comparator.comparingLong(Push::seq));
        List<String> frames = new ArrayList<>(pushes.size());
        for (Push push : pushes) {
            frames.add(socket.frameFor(push));
        }
        socket.sendPaced(frames);
        return frames.size();
    }

    @PreDestroy
    void stop() {
        catchUps.shutdownNow();
        readers.shutdownNow();
    }
}
