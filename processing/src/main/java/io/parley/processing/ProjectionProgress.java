package io.parley.processing;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import io.parley.eventstore.StorePositions;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.MessageHandlerInterceptor;
import io.parley.eventstore.CommitNotifications;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.concurrent.TimeUnit;

/**
 * How far the read models are: the gateway waits here until the projections have handled a given
 * global position before it answers (read-your-writes) or pushes (the push reads the read model).
 * <p>
 * The projections processor reports each batch once it has committed; events that no projection
 * handles never pass through it, so the processor's own status is looked at as well. On a node whose
 * projections processor holds no segment (another node of the same database runs the read models), the
 * position stored in {@code token_entry} tells instead.
 */
@Component
public class ProjectionProgress implements SmartInitializingSingleton {

    /** All read models live in this one processor, in one segment: their order is the stream's order. */
    public static final String PROCESSOR = "projections";
    private static final long STATUS_CHECK_MILLIS = 20;
    /** The topic under which the node running the read models tells the others how far they are. */
    private static final String READ_MODELS = "read-models";

    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Object signal = new Object();
    private volatile TrackingToken latest;
    /** The stored tokens as last read on another node's word that they moved (empty: not read). */
    private volatile List<StoredToken> stored = List.of();
    /** Another node said how far the read models are: its next word is awaited before the stored tokens are read. */
    private volatile boolean toldByOtherNode;
    private final ObjectProvider<CommitNotifications> notifications;
    /** Tells the other nodes after each local batch (nothing where there are none to tell). */
    private volatile LongConsumer afterLocalBatch = position -> { };
    private volatile StreamingEventProcessor projections;

    public ProjectionProgress(ObjectProvider<EventProcessingConfiguration> processing, JdbcTemplate jdbc,
                              ObjectProvider<CommitNotifications> notifications) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.notifications = notifications;
    }

    /** Once every bean exists (the notifications need the event store, which needs Axon's configuration). */
    @Override
    public void afterSingletonsInstantiated() {
        notifications.ifAvailable(others -> {
            others.onHeard(READ_MODELS, this::otherNodeReached);
            afterLocalBatch = position -> others.tell(READ_MODELS, position);
        });
    }

    /** An interceptor for the projections processor that reports each committed batch. */
    public MessageHandlerInterceptor<EventMessage<?>> reporter() {
        return (unitOfWork, chain) -> {
            Object result = chain.proceed();
            if (unitOfWork.getMessage() instanceof TrackedEventMessage<?> tracked) {
                TrackingToken token = tracked.trackingToken();
                unitOfWork.afterCommit(u -> advancedTo(token));
            }
            return result;
        };
    }

    void advancedTo(TrackingToken token) {
        synchronized (signal) {
            TrackingToken current = latest;
            if (current == null || indexOf(token) >= indexOf(current)) {
                latest = token;
            }
            signal.notifyAll();
        }
        afterLocalBatch.accept(indexOf(token));
    }

    /**
     * Another node's projections committed a batch and said up to which position (-1: it did not say). The
     * single segment's token then stands there; its gaps can only be holes, which no request waits for.
     */
    private void otherNodeReached(long position) {
        if (position < 0) {
            storedTokenMoved();
            return;
        }
        synchronized (signal) {
            stored = List.of(new StoredToken(position, Set.of()));
            toldByOtherNode = true;
            signal.notifyAll();
        }
    }

    /**
     * Another node's projections committed a batch: their stored tokens are read once here, and every
     * request waiting for them looks at what was read, instead of each reading the tokens itself.
     */
    private void storedTokenMoved() {
        List<StoredToken> read;
        try {
            read = jdbc.queryForList("select token from token_entry where processor_name = ?", byte[].class, PROCESSOR)
                       .stream().map(this::parse).toList();
        } catch (RuntimeException e) {
            return; // the database is away: the waiters' own looks go on
        }
        synchronized (signal) {
            stored = read;
            signal.notifyAll();
        }
    }

    /**
     * Waits until the projections have handled (or passed over) the event at this position; false when
     * the timeout passed first.
     */
    public boolean awaitProcessed(long position, Duration timeout) throws InterruptedException {
        if (position < 0 || covers(latest, position) || covers(stored, position)) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        // The processor's status is looked at every STATUS_CHECK_MILLIS, not on every wake-up: a batch's
        // commit wakes every waiting socket thread at once, and most of them are covered by it.
        long nextStatusCheck = System.nanoTime();
        // Where another node runs the read models and tells how far they are, the stored tokens are read
        // only if its word is late: read at once, they would mostly show the write not reached yet.
        boolean readStored = !toldByOtherNode;
        synchronized (signal) {
            while (!covers(latest, position) && !covers(stored, position)) {
                long now = System.nanoTime();
                if (now - nextStatusCheck >= 0) {
                    if (statusCovers(position, readStored)) {
                        return true;
                    }
                    readStored = true;
                    nextStatusCheck = now + TimeUnit.MILLISECONDS.toNanos(STATUS_CHECK_MILLIS);
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - now);
                if (left <= 0) {
                    return false;
                }
                signal.wait(Math.max(1, Math.min(left, STATUS_CHECK_MILLIS)));
            }
            return true;
        }
    }

    private boolean statusCovers(long position, boolean readStored) {
        Map<Integer, EventTrackerStatus> status = processor().map(StreamingEventProcessor::processingStatus)
                                                             .orElse(Map.of());
        if (!status.isEmpty()) {
            return allCover(status, position);
        }
        return readStored && storedCovers(position);
    }

    /** The projections processor of this node, looked up once it exists (a bean lookup is not cheap). */
    private Optional<StreamingEventProcessor> processor() {
        StreamingEventProcessor found = projections;
        if (found == null) {
            EventProcessingConfiguration config = processing.getIfAvailable();
            found = config == null ? null
                    : config.eventProcessor(PROCESSOR, StreamingEventProcessor.class).orElse(null);
            projections = found;
        }
        return Optional.ofNullable(found);
    }

    /** The stored tokens of every segment cover the position (read, not claimed: another node owns them). */
    private boolean storedCovers(long position) {
        return covers(jdbc.queryForList("select token from token_entry where processor_name = ?", byte[].class,
                                        PROCESSOR).stream().map(this::parse).toList(), position);
    }

    /** A segment's stored position: the index it has seen, and the positions below it it has not. */
    record StoredToken(long index, Set<Long> gaps) {

        static final StoredToken NONE = new StoredToken(-1, Set.of());

        boolean covers(long position) {
            return index >= position && !gaps.contains(position);
        }
    }

    private static boolean covers(List<StoredToken> tokens, long position) {
        return !tokens.isEmpty() && tokens.stream().allMatch(token -> token.covers(position));
    }

    /** A stored GapAwareTrackingToken (or Axon Server's), or a replay token around one, as the JSON the token store keeps. */
    private StoredToken parse(byte[] token) {
        if (token == null) {
            return StoredToken.NONE;
        }
        try {
            JsonNode node = StorePositions.current(mapper.readTree(token));
            long position = StorePositions.ofStored(node);
            if (position < 0) {
                return StoredToken.NONE;
            }
            Set<Long> gaps = new HashSet<>();
            node.path("gaps").forEach(gap -> gaps.add(gap.asLong())); // Parley's JDBC engine's tokens have them
            return new StoredToken(position, gaps);
        } catch (java.io.IOException e) {
            return StoredToken.NONE;
        }
    }

    private static boolean allCover(Map<Integer, EventTrackerStatus> status, long position) {
        return status.values().stream().allMatch(s -> covers(s.getTrackingToken(), position));
    }

    /** The token has seen the position, and the position is not one of its gaps. */
    static boolean covers(TrackingToken token, long position) {
        if (token == null) {
            return false;
        }
        TrackingToken actual = WrappedToken.unwrapLowerBound(token);
        if (actual instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return actual != null && StorePositions.of(actual) >= position;
    }

    private static long indexOf(TrackingToken token) {
        return StorePositions.of(token);
    }
}
