package io.parley.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine reads rows itself (to parse each timestamp once): it must read what Axon's own engine reads,
 * token for token, except that it never reads past an index that may still be committing. Runs on a table
 * of its own in the run's database, with rows written at chosen indexes and times.
 */
class InOrderJdbcEventStorageEngineTest {

    private static final String URL = StoreTestDatabase.create("engine");
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static final Duration GAP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration HOLE_TIMEOUT = Duration.ofSeconds(2);
    /** These tests write rows behind the engine's back: it must not take any read as known to find nothing. */
    private static final HeadRead ALWAYS_READ = new HeadRead(Duration.ZERO);

    @Test
    void readsWhatAxonsEngineReadsTokensGapsAndAll() throws Exception {
        Table table = new Table();
        Instant now = Instant.now();
        table.insert(1, "dialog-1", 0, now.minus(Duration.ofMinutes(10)));
        table.insert(2, "dialog-1", 1, now.minus(Duration.ofMinutes(10)));
        // 3 missing long ago: a hole older than the gap timeout, kept by neither token
        table.insert(4, "dialog-1", 2, now.minus(Duration.ofMinutes(10)));
        // 5 missing half a minute ago: older than the hole timeout, younger than the gap timeout
        table.insert(6, "dialog-2", 0, now.minus(Duration.ofSeconds(30)));
        table.insertEventOfNoAggregate(7, now.minus(Duration.ofSeconds(30)));

        List<? extends TrackedEventData<?>> ours = table.parley().fetchTrackedEvents(null, 100);
        List<? extends TrackedEventData<?>> axons = table.axon().read(null, 100);
        assertSame(ours, axons);
        assertThat(ours).extracting(e -> ((GapAwareTrackingToken) e.trackingToken()).getIndex())
                        .containsExactly(1L, 2L, 4L, 6L, 7L);
        GapAwareTrackingToken last = (GapAwareTrackingToken) ours.get(4).trackingToken();
        assertThat(last.getGaps()).containsExactly(5L);
        assertThat(((DomainEventData<?>) ours.get(4)).getAggregateIdentifier()).isNull();

        // The missing event arrives late: both engines deliver it, from a token that kept it as a gap.
        table.insert(5, "dialog-3", 0, now.minus(Duration.ofSeconds(30)));
        assertSame(table.parley().fetchTrackedEvents(last, 100), table.axon().read(last, 100));
        List<? extends TrackedEventData<?>> late = table.parley().fetchTrackedEvents(last, 100);
        assertThat(late).extracting(TrackedEventData::getEventIdentifier).containsExactly("event-5");
        assertThat(((GapAwareTrackingToken) late.get(0).trackingToken()).getGaps()).isEmpty();

        // A batch is a number of rows, not a range of indexes (Axon's: 0 to 2 holds 1 and 2): the first three
        // rows are Axon's first three, and the rest, from the batch's last token, what Axon reads from there.
        List<? extends TrackedEventData<?>> firstThree = table.parley().fetchTrackedEvents(null, 3);
        assertSame(firstThree, table.axon().read(null, 100).subList(0, 3));
        assertThat(firstThree).extracting(e -> ((GapAwareTrackingToken) e.trackingToken()).getIndex())
                              .containsExactly(1L, 2L, 4L);
        TrackingToken afterThree = firstThree.get(2).trackingToken();
        assertSame(table.parley().fetchTrackedEvents(afterThree, 100), table.axon().read(afterThree, 100));
    }

    @Test
    void aReadThatReachedTheHeadIsNotRepeatedUntilACommitIsHeard() throws Exception {
        Table table = new Table();
        Instant old = Instant.now().minus(Duration.ofMinutes(10));
        table.insert(1, "dialog-1", 0, old);
        table.insert(2, "dialog-1", 1, old);
        InOrderJdbcEventStorageEngine engine = table.parley(new HeadRead(Duration.ofMinutes(10)));
        WakeableEventStore store = new WakeableEventStore(
                org.axonframework.eventsourcing.eventstore.EmbeddedEventStore.builder().storageEngine(engine));
        try {
            TrackingToken head = engine.fetchTrackedEvents(null, 100).get(1).trackingToken();

            // A row written without a word to this node: the reader's re-read at once does not ask for it.
            table.insert(3, "dialog-1", 2, old);
            assertThat(engine.fetchTrackedEvents(head, 100)).isEmpty();
            // Another node's commit heard (the store is woken): it is read.
            store.wake();
            List<? extends TrackedEventData<?>> third = engine.fetchTrackedEvents(head, 100);
            assertThat(third).extracting(TrackedEventData::getEventIdentifier).containsExactly("event-3");

            // This node's own commit: the store's notice of it, before the reader is woken.
            head = third.get(0).trackingToken();
            assertThat(engine.fetchTrackedEvents(head, 100)).isEmpty();
            table.insert(4, "dialog-1", 3, old);
            store.afterCommit(List.of(org.axonframework.eventhandling.GenericEventMessage.asEventMessage("4")));
            assertThat(engine.fetchTrackedEvents(head, 100))
                    .extracting(TrackedEventData::getEventIdentifier).containsExactly("event-4");
        } finally {
            store.shutDown();
        }
    }

    @Test
    void aReadStoppedAtAMissingIndexOrPastHalfTheFetchDelayAsksTheDatabase() throws Exception {
        Table table = new Table();
        Instant now = Instant.now();
        table.insert(1, "dialog-1", 0, now.minus(Duration.ofMinutes(10)));
        table.insert(3, "dialog-1", 1, now); // 2 may still be committing
        InOrderJdbcEventStorageEngine engine = table.parley(new HeadRead(Duration.ofMinutes(10)));

        List<? extends TrackedEventData<?>> first = engine.fetchTrackedEvents(null, 100);
        assertThat(first).hasSize(1);
        table.insert(2, "dialog-2", 0, now);
        assertThat(engine.fetchTrackedEvents(first.get(0).trackingToken(), 100))
                .extracting(TrackedEventData::getEventIdentifier).containsExactly("event-2", "event-3");

        // The head is known for half the fetch delay; the reader's timed look after that reads.
        InOrderJdbcEventStorageEngine timed = table.parley(new HeadRead(Duration.ofMillis(200)));
        TrackingToken head = timed.fetchTrackedEvents(first.get(0).trackingToken(), 100).get(1).trackingToken();
        table.insert(4, "dialog-1", 2, now);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(timed.fetchTrackedEvents(head, 100))
                        .extracting(TrackedEventData::getEventIdentifier).containsExactly("event-4"));
    }

    @Test
    void stopsBeforeAnIndexThatMayStillBeCommitting() throws Exception {
        Table table = new Table();
        Instant now = Instant.now();
        table.insert(1, "dialog-1", 0, now.minus(Duration.ofSeconds(30)));
        table.insert(2, "dialog-1", 1, now.minus(Duration.ofSeconds(30)));
        table.insert(4, "dialog-1", 2, now); // 3 is younger than the hole timeout

        assertThat(table.axon().read(null, 100)).hasSize(3);
        List<? extends TrackedEventData<?>> ours = table.parley().fetchTrackedEvents(null, 100);
        assertThat(ours).extracting(e -> ((GapAwareTrackingToken) e.trackingToken()).getIndex())
                        .containsExactly(1L, 2L);

        table.insert(3, "dialog-2", 0, now);
        assertThat(table.parley().fetchTrackedEvents(ours.get(1).trackingToken(), 100))
                .extracting(e -> ((GapAwareTrackingToken) e.trackingToken()).getIndex())
                .containsExactly(3L, 4L);
    }

    @Test
    void readingBatchAfterBatchWithReadAheadGivesWhatAxonsEngineGives() throws Exception {
        Table table = new Table();
        Instant old = Instant.now().minus(Duration.ofMinutes(10));
        // 1,200 rows with two old holes (index 250 and 700 never written)
        table.execute("""
                insert into %s select i, 'event-' || i, 'dialog-' || (i %% 7), i, 'Dialog', '%s',
                       'io.parley.api.Some', null, convert_to('{"n":' || i || '}', 'UTF8'), convert_to('{}', 'UTF8')
                from generate_series(1, 1202) i where i not in (250, 700)""".formatted(
                table.name, DateTimeUtils.formatInstant(old)));
        InOrderJdbcEventStorageEngine parley = table.parley();
        AxonEngine axon = table.axon();
        for (int pass = 0; pass < 2; pass++) { // the second pass starts over: no batch read ahead is reused
            List<TrackedEventData<?>> ours = readAll(parley::fetchTrackedEvents);
            List<TrackedEventData<?>> axons = readAll(axon::read);
            assertThat(ours).hasSize(1200);
            assertSame(ours, axons);
        }
    }

    /** A payload of the read-ahead test; revision 1 has no note, and the upcaster below gives it one. */
    record Probe(int n, String note) {
    }

    /** Writes "upcast" into every revision-1 probe, which deserializing the stored bytes alone would not. */
    private static final class ProbeUpcaster extends SingleEventUpcaster {

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return representation.getType().equals(new SimpleSerializedType(Probe.class.getName(), "1"));
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            return representation.upcastPayload(new SimpleSerializedType(Probe.class.getName(), null),
                                                JsonNode.class,
                                                payload -> ((ObjectNode) payload).put("note", "upcast"));
        }
    }

    @Test
    void aBatchReadAheadComesDeserializedAndAnEventAnUpcasterChangesIsStillUpcast() throws Exception {
        Table table = new Table();
        Instant old = Instant.now().minus(Duration.ofMinutes(10));
        // 450 probes; every 50th is revision 1
        table.execute("""
                insert into %s select i, 'event-' || i, 'probe-' || i, 0, 'Probe', '%s', '%s',
                       case when i %% 50 = 0 then '1' end, convert_to('{"n":' || i || '}', 'UTF8'),
                       convert_to('{}', 'UTF8')
                from generate_series(1, 450) i""".formatted(
                table.name, DateTimeUtils.formatInstant(old), Probe.class.getName()));
        InOrderJdbcEventStorageEngine engine = new InOrderJdbcEventStorageEngine(
                table.builder().eventSerializer(new ClassCachingJacksonSerializer(JacksonSerializer.builder()))
                     .upcasterChain(new EventUpcasterChain(new ProbeUpcaster())).batchSize(100),
                table.schema, NoTransactionManager.INSTANCE,
                new InOrderJdbcEventStorageEngine.Gaps(GAP_TIMEOUT, 10_000, 1), new Holes.TimedHoles(HOLE_TIMEOUT),
                ALWAYS_READ);

        // The first batch (indexes 1 to 100) is read by its reader; it comes back full, so the next one is
        // read ahead, its payloads deserialized there.
        List<? extends TrackedEventData<?>> first = engine.fetchTrackedEvents(null, 100);
        assertThat(first).hasSize(100);
        assertThat(first).allSatisfy(e -> assertThat(e.getPayload()).isNotInstanceOf(ReadAheadPayload.class));
        List<? extends TrackedEventData<?>> second = engine.fetchTrackedEvents(first.get(99).trackingToken(), 100);
        assertThat(second).hasSize(100);
        assertThat(second).allSatisfy(e -> assertThat(e.getPayload()).isInstanceOf(ReadAheadPayload.class));
        // A batch taken from the read-ahead, being full too, has the one after it read ahead in turn.
        List<? extends TrackedEventData<?>> third = engine.fetchTrackedEvents(second.get(99).trackingToken(), 100);
        assertThat(third).hasSize(100);
        assertThat(third).allSatisfy(e -> assertThat(e.getPayload()).isInstanceOf(ReadAheadPayload.class));

        // Read as a processor reads: every payload as the bytes and the upcaster say.
        List<Probe> probes;
        try (var events = engine.readEvents(null, false)) {
            probes = events.map(e -> (Probe) e.getPayload()).toList();
        }
        assertThat(probes).hasSize(450);
        for (int i = 0; i < 450; i++) {
            int n = i + 1;
            assertThat(probes.get(i)).isEqualTo(new Probe(n, n % 50 == 0 ? "upcast" : null));
        }
    }

    private static List<TrackedEventData<?>> readAll(
            BiFunction<TrackingToken, Integer, List<? extends TrackedEventData<?>>> read) {
        List<TrackedEventData<?>> all = new ArrayList<>();
        TrackingToken token = null;
        for (List<? extends TrackedEventData<?>> batch = read.apply(null, 100); !batch.isEmpty();
             batch = read.apply(token, 100)) {
            all.addAll(batch);
            token = batch.get(batch.size() - 1).trackingToken();
        }
        return all;
    }

    private static void assertSame(List<? extends TrackedEventData<?>> ours,
                                   List<? extends TrackedEventData<?>> axons) {
        assertThat(ours).hasSameSizeAs(axons);
        for (int i = 0; i < ours.size(); i++) {
            DomainEventData<?> a = (DomainEventData<?>) ours.get(i);
            DomainEventData<?> b = (DomainEventData<?>) axons.get(i);
            assertThat(ours.get(i).trackingToken()).isEqualTo(axons.get(i).trackingToken());
            assertThat(a.getTimestamp()).isEqualTo(b.getTimestamp());
            assertThat(a.getEventIdentifier()).isEqualTo(b.getEventIdentifier());
            assertThat(a.getAggregateIdentifier()).isEqualTo(b.getAggregateIdentifier());
            assertThat(a.getSequenceNumber()).isEqualTo(b.getSequenceNumber());
            assertThat(a.getType()).isEqualTo(b.getType());
            assertThat(a.getPayload().getType()).isEqualTo(b.getPayload().getType());
            assertThat((byte[]) a.getPayload().getData()).isEqualTo((byte[]) b.getPayload().getData());
            assertThat((byte[]) a.getMetaData().getData()).isEqualTo((byte[]) b.getMetaData().getData());
        }
    }

    /** A table shaped like {@code domain_event_entry}, and both engines on it. */
    private static final class Table {

        private final String name = "engine_test_event_" + TABLES.incrementAndGet();
        private final EventSchema schema = EventStoreConfiguration.schemaOf(name, name + "_snapshot");

        Table() throws Exception {
            try (Connection connection = StoreTestDatabase.connect(URL); Statement statement = connection.createStatement()) {
                statement.execute("""
                        create table %s (
                            global_index bigint primary key, event_identifier varchar(255) not null,
                            aggregate_identifier varchar(255) not null, sequence_number bigint not null,
                            type varchar(255), time_stamp varchar(255) not null, payload_type varchar(255) not null,
                            payload_revision varchar(255), payload bytea not null, meta_data bytea)""".formatted(name));
            }
        }

        void execute(String sql) throws Exception {
            try (Connection connection = StoreTestDatabase.connect(URL); Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }

        void insert(long index, String aggregate, long sequence, Instant at) throws Exception {
            insert(index, "event-" + index, aggregate, sequence, "Dialog", at);
        }

        void insertEventOfNoAggregate(long index, Instant at) throws Exception {
            insert(index, "event-" + index, "event-" + index, 0, null, at);
        }

        private void insert(long index, String id, String aggregate, long sequence, String type, Instant at)
                throws Exception {
            try (Connection connection = StoreTestDatabase.connect(URL);
                 PreparedStatement insert = connection.prepareStatement(
                         "insert into " + name + " values (?, ?, ?, ?, ?, ?, 'io.parley.api.Some', null, ?, ?)")) {
                insert.setLong(1, index);
                insert.setString(2, id);
                insert.setString(3, aggregate);
                insert.setLong(4, sequence);
                insert.setString(5, type);
                insert.setString(6, DateTimeUtils.formatInstant(at));
                insert.setBytes(7, ("{\"n\":" + index + "}").getBytes(StandardCharsets.UTF_8));
                insert.setBytes(8, "{}".getBytes(StandardCharsets.UTF_8));
                insert.executeUpdate();
            }
        }

        JdbcEventStorageEngine.Builder builder() {
            return JdbcEventStorageEngine.builder()
                    .connectionProvider(() -> StoreTestDatabase.connect(URL))
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .schema(schema)
                    .dataType(byte[].class)
                    .eventSerializer(JacksonSerializer.defaultSerializer())
                    .snapshotSerializer(JacksonSerializer.defaultSerializer());
        }

        InOrderJdbcEventStorageEngine parley() {
            return parley(ALWAYS_READ);
        }

        InOrderJdbcEventStorageEngine parley(HeadRead headRead) {
            return new InOrderJdbcEventStorageEngine(
                    builder(), schema, NoTransactionManager.INSTANCE,
                    new InOrderJdbcEventStorageEngine.Gaps(GAP_TIMEOUT, 10_000, 1),
                    new Holes.TimedHoles(HOLE_TIMEOUT), headRead);
        }

        AxonEngine axon() {
            return new AxonEngine(builder().gapTimeout((int) GAP_TIMEOUT.toMillis()));
        }
    }

    /** Axon's own engine, with its read of tracked rows made callable here. */
    private static final class AxonEngine extends JdbcEventStorageEngine {

        AxonEngine(JdbcEventStorageEngine.Builder builder) {
            super(builder);
        }

        List<? extends TrackedEventData<?>> read(TrackingToken token, int batchSize) {
            return fetchTrackedEvents(token, batchSize);
        }
    }
}
