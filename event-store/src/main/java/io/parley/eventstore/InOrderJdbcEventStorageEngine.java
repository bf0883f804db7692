package io.parley.eventstore;

import org.axonframework.common.jdbc.JdbcUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Axon's JDBC engine, read strictly in global-index order.
 * <p>
 * PostgreSQL hands out {@code global_index} at insert and transactions commit in any order, so index 12
 * can be readable while 11 is still being committed. Axon would deliver 12, then 11 later, with a token
 * whose position is 12 both times: a late event's position would be wrong wherever it is used (pushes,
 * read models, resume). So a read stops before the first missing index that is not
 * known to be a hole ({@link Holes}: a rolled-back insert); the next read, woken by the commit, goes on from
 * there.
 * <p>
 * Each row's timestamp is parsed once, by {@link UtcTimestamps}, and kept: Axon's own entry parses its text
 * with {@code DateTimeFormatter} every time it is asked, and it is asked twice per event on the way to a
 * processor (11% of a replay's projection thread).
 * <p>
 * A unit of work's events are appended by one {@code INSERT} of many rows ({@link MultiRowAppend}), and where
 * they landed is noted in the unit of work ({@link AppendedPositions}).
 */
public class InOrderJdbcEventStorageEngine extends JdbcEventStorageEngine {

    /** Payloads and metadata are stored as bytes (bytea): by Axon's snapshots and by Parley's append alike. */
    private static final Class<byte[]> DATA_TYPE = byte[].class;

    private final EventSchema schema;
    private final TransactionManager transactions;
    private final Gaps gaps;
    private final Holes holes;
    private final HeadRead headRead;
    private final Prefetched prefetched = new Prefetched();

    /** How Axon's tokens track missing indexes; the same values the builder was given. */
    public record Gaps(Duration timeout, int maxOffset, long lowestGlobalSequence) {
    }

    public InOrderJdbcEventStorageEngine(JdbcEventStorageEngine.Builder builder, EventSchema schema,
                                         TransactionManager transactions, Gaps gaps, Holes holes, HeadRead headRead) {
        super(builder.transactionManager(transactions)
                     .dataType(DATA_TYPE)
                     .gapTimeout((int) gaps.timeout().toMillis())
                     .maxGapOffset(gaps.maxOffset())
                     .lowestGlobalSequence(gaps.lowestGlobalSequence())
                     // rows from a position, not a range of indexes: a short batch then means the head
                     .readEventDataWithoutGaps((connection, s, index, size) ->
                             rowsAfter(connection, s, index, size, List.of()))
                     .readEventDataWithGaps(InOrderJdbcEventStorageEngine::rowsAfter)
                     // Axon's look for events beyond a range found empty: there is no range
                     .extendedGapCheckEnabled(false));
        this.schema = schema;
        this.transactions = transactions;
        this.gaps = gaps;
        this.holes = holes;
        this.headRead = headRead;
    }

    /**
     * The first {@code size} events after {@code index}, and those at the token's gaps below it. The open
     * end is written as a range up to the largest index: PostgreSQL estimates a range as a few rows and
     * walks the index, where for a bare {@code >} (a third of the table, by its default guess while the
     * table has no statistics) it reads and sorts the whole table, 30 ms a read at 34,000 events. The gaps
     * are read apart and put together for the same reason: as one condition with the range, the plan
     * filters every row of the index.
     */
    private static PreparedStatement rowsAfter(Connection connection, EventSchema schema, long index, int size,
                                               List<Long> gaps) throws SQLException {
        String fields = "select " + schema.trackedEventFields() + " from " + schema.domainEventTable() + " where ";
        String after = fields + schema.globalIndexColumn() + " > ? and " + schema.globalIndexColumn() + " <= ?"
                       + " order by " + schema.globalIndexColumn() + " limit ?";
        String sql = gaps.isEmpty() ? after
                : fields + schema.globalIndexColumn() + " in (" + String.join(",", Collections.nCopies(gaps.size(), "?"))
                  + ") union all (" + after + ") order by " + schema.globalIndexColumn();
        PreparedStatement statement = connection.prepareStatement(sql);
        int at = 1;
        for (long gap : gaps) {
            statement.setLong(at++, gap);
        }
        statement.setLong(at++, index);
        statement.setLong(at++, Long.MAX_VALUE);
        statement.setInt(at, size);
        return statement;
    }

    /**
     * Appends in one statement (Axon's own append runs a batch of one-row inserts) and notes the highest
     * position in the unit of work, for read-your-writes. An insert refused because a concurrent write took
     * the aggregate's sequence number fails as Axon's own append fails (a concurrency conflict).
     */
    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        transactions.executeInTransaction(() -> {
            Connection connection = getConnection();
            try {
                AppendedPositions.appended(MultiRowAppend.append(connection, schema, DATA_TYPE, events, serializer,
                                                                 this::writeTimestamp));
            } catch (SQLException e) {
                handlePersistenceException(e, events.get(0));
            } finally {
                JdbcUtils.closeQuietly(connection);
            }
        });
    }

    /**
     * A batch read from a position, in index order. When the batch came back full (the reader is behind
     * the head: a replay, a catch-up), the next batch is read on the prefetch thread while the reader
     * handles this one; the reader's next call, from this batch's last token, takes it. A read known to
     * find nothing ({@link HeadRead}) is not made.
     */
    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        Read read = prefetched.take(lastToken, batchSize);
        if (read == null) {
            if (lastToken != null && headRead.nothingAfter(lastToken)) {
                return List.of();
            }
            long heard = headRead.beforeRead();
            read = readInOrder(lastToken, batchSize);
            if (read.toTheHead() && !read.batch().isEmpty()) {
                headRead.reachedHead(read.batch().get(read.batch().size() - 1).trackingToken(), heard);
            }
        }
        if (read.full()) {
            TrackingToken last = read.batch().get(read.batch().size() - 1).trackingToken();
            prefetched.start(last, batchSize, () -> deserialized(readInOrder(last, batchSize)));
        }
        return read.batch();
    }

    /** A commit was made on this node or heard of from another: what the reader knew of the head is old. */
    void commitHeard() {
        headRead.commitHeard();
    }

    /**
     * Stops the read-ahead thread before the database closes (Spring calls it when the bean is destroyed, and
     * the data source outlives the engine). Reads not begun are dropped; one under way is waited for, not
     * interrupted: an interrupt in the middle of its file I/O would close H2's embedded database.
     */
    public void close() throws InterruptedException {
        prefetched.close();
    }

    /**
     * A batch read ahead gets its payloads deserialized on the read-ahead thread too: the reader would
     * otherwise do it on its own thread (a fifth of the projections thread's time in a replay), and most
     * readers behind the head take nearly every event. One that fails to deserialize (an old revision an
     * upcaster changes first) is left to be read as usual. Only Parley's serializer hands such a payload
     * out; any other would read the bytes again, so for it nothing is read ahead.
     */
    private Read deserialized(Read read) {
        if (getEventSerializer() instanceof ClassCachingJacksonSerializer) {
            for (TrackedEventData<?> event : read.batch()) {
                if (event instanceof StoredTrackedEvent stored) {
                    stored.entry.readAhead(getEventSerializer());
                }
            }
        }
        return read;
    }

    /**
     * A read: {@code full} when it came back with a whole batch of rows in order (more may follow), {@code toTheHead}
     * when it found every event committed after its position (short of a batch, and it stopped at no
     * missing index).
     */
    private record Read(List<? extends TrackedEventData<?>> batch, boolean full, boolean toTheHead) {
    }

    private Read readInOrder(TrackingToken lastToken, int batchSize) {
        long read = holes.beforeRead();
        List<? extends TrackedEventData<?>> batch = super.fetchTrackedEvents(lastToken, batchSize);
        long seen = indexOf(lastToken);
        int gapsFilled = 0; // rows at the token's gaps come on top of the batch's rows after its position
        for (int i = 0; i < batch.size(); i++) {
            long index = indexOf(batch.get(i).trackingToken());
            if (index <= seen) {
                gapsFilled++;
                continue; // fills an index passed as a hole: only the embedded database's guess allows it
            }
            if (seen >= 0 && index > seen + 1
                    && !holes.mayPass(seen + 1, index - 1, batch.get(i).getTimestamp(), read)) {
                return new Read(batch.subList(0, i), false, false);
            }
            holes.present(index);
            seen = index;
        }
        boolean full = batch.size() - gapsFilled >= batchSize;
        return new Read(batch, full, !full);
    }

    /** The global index a token of this engine stands at; -1 for none (the start of the store). */
    private static long indexOf(TrackingToken token) {
        return token == null ? -1 : ((GapAwareTrackingToken) token).getIndex();
    }

    /**
     * One row of a read from a position, as Axon reads it: a token that keeps the missing indexes younger
     * than the gap timeout, and the event with its timestamp parsed once.
     */
    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet row, GapAwareTrackingToken previousToken)
            throws SQLException {
        long index = row.getLong(schema.globalIndexColumn());
        String aggregateIdentifier = row.getString(schema.aggregateIdentifierColumn());
        String eventIdentifier = row.getString(schema.eventIdentifierColumn());
        String text = readTimeStamp(row, schema.timestampColumn()).toString();
        StoredEventEntry event = new StoredEventEntry(
                row.getString(schema.typeColumn()),
                // Axon stores an event of no aggregate with its own id as the aggregate's
                eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                row.getLong(schema.sequenceNumberColumn()),
                eventIdentifier,
                text,
                UtcTimestamps.parse(text),
                row.getString(schema.payloadTypeColumn()),
                row.getString(schema.payloadRevisionColumn()),
                readPayload(row, schema.payloadColumn()),
                readPayload(row, schema.metaDataColumn()));
        boolean allowGaps = event.getTimestamp()
                                 .isAfter(GenericEventMessage.clock.instant().minus(gaps.timeout()));
        GapAwareTrackingToken token;
        if (previousToken == null) {
            token = GapAwareTrackingToken.newInstance(
                    index,
                    allowGaps
                            ? LongStream.range(Math.min(gaps.lowestGlobalSequence(), index), index).boxed()
                                        .collect(Collectors.toCollection(TreeSet::new))
                            : Collections.emptySortedSet());
        } else {
            token = previousToken.advanceTo(index, allowGaps ? gaps.maxOffset() : 0);
        }
        return new StoredTrackedEvent(token, event);
    }

    /** A row read from a position: Axon's tracked event data, keeping its entry for the read-ahead. */
    private static final class StoredTrackedEvent extends TrackedDomainEventData<Object> {

        private final StoredEventEntry entry;

        StoredTrackedEvent(TrackingToken token, StoredEventEntry entry) {
            super(token, entry);
            this.entry = entry;
        }
    }

    /** Axon's entry, with the timestamp it was read with already parsed. */
    private static final class StoredEventEntry extends GenericDomainEventEntry<Object> {

        private final Instant timestamp;
        /** Written by the read-ahead thread before the batch is handed over (through its future). */
        private Object readAhead;

        StoredEventEntry(String type, String aggregateIdentifier, long sequenceNumber, String eventIdentifier,
                         String timestampText, Instant timestamp, String payloadType, String payloadRevision,
                         Object payload, Object metaData) {
            super(type, aggregateIdentifier, sequenceNumber, eventIdentifier, timestampText, payloadType,
                  payloadRevision, payload, metaData);
            this.timestamp = timestamp;
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }

        /** Deserializes the payload now; it is handed out with the payload from then on. */
        void readAhead(Serializer serializer) {
            try {
                readAhead = serializer.deserialize(super.getPayload());
            } catch (RuntimeException e) {
                // left unread: its reader deserializes it as usual, and sees the failure if there is one
            }
        }

        @Override
        public SerializedObject<Object> getPayload() {
            SerializedObject<Object> stored = super.getPayload();
            return readAhead == null ? stored : new ReadAheadPayload<>(stored, readAhead);
        }
    }

    /**
     * Batches read ahead, by the position and size they were read from; a few readers at once (each
     * processor, a catch-up) may be behind the head. One daemon thread reads them; a read that failed is
     * simply read again by its reader, which then sees the failure itself.
     */
    private static final class Prefetched {

        private static final int READERS = 8;

        private final ExecutorService reader = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "parley-store-prefetch");
            thread.setDaemon(true);
            return thread;
        });
        private final Map<Key, Future<Read>> batches =
                new LinkedHashMap<>(16, 0.75f, false) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<Key, Future<Read>> eldest) {
                        return size() > READERS;
                    }
                };

        private record Key(TrackingToken from, int size) {
        }

        synchronized void start(TrackingToken from, int size, Callable<Read> read) {
            if (!reader.isShutdown()) {
                batches.computeIfAbsent(new Key(from, size), key -> reader.submit(read));
            }
        }

        void close() throws InterruptedException {
            synchronized (this) {
                batches.values().forEach(batch -> batch.cancel(false));
                batches.clear();
            }
            reader.shutdown();
            reader.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        }

        /** The batch read ahead from this position, or null (none started, or its read failed). */
        Read take(TrackingToken from, int size) {
            Future<Read> batch;
            synchronized (this) {
                batch = batches.remove(new Key(from, size));
            }
            if (batch == null) {
                return null;
            }
            try {
                return batch.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (ExecutionException e) {
                return null;
            }
        }
    }
}
