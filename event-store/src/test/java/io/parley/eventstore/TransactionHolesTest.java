package io.parley.eventstore;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On PostgreSQL a reader passes a missing index only once the transaction that took it has ended: an
 * index held by a slow transaction is waited for however long it takes, and a rolled-back one is passed.
 * Real transactions on real connections, on a table whose index is given as V25 gives it.
 */
class TransactionHolesTest {

    private static final String TABLE = "holes_test_event";
    /** A database of its own: the run's database must stay empty until Flyway sets it up. */
    private static final String URL = StoreTestDatabase.create("holes");

    private static Connection connect() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(URL, "postgres", "");
    }

    @Test
    void aSlowCommitIsWaitedForAndARollbackIsPassed() throws Exception {
        try (Connection setup = connect(); Statement statement = setup.createStatement()) {
            statement.execute("""
                    create sequence %1$s_index cache 1;
                    create function %1$s_next() returns bigint language plpgsql volatile as $$
                    begin perform pg_current_xact_id(); return nextval('%1$s_index'); end $$;
                    create table %1$s (
                        global_index bigint primary key default %1$s_next(), event_identifier varchar(255) not null,
                        aggregate_identifier varchar(255) not null, sequence_number bigint not null,
                        type varchar(255), time_stamp varchar(255) not null, payload_type varchar(255) not null,
                        payload_revision varchar(255), payload bytea not null, meta_data bytea)""".formatted(TABLE));
        }
        DriverManagerDataSource dataSource = new DriverManagerDataSource(URL, "postgres", "");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Holes holes = Holes.of(jdbc, Duration.ofMillis(1));
        assertThat(holes).isInstanceOf(Holes.TransactionHoles.class);
        EventSchema schema = EventStoreConfiguration.schemaOf(TABLE, TABLE + "_snapshot");
        InOrderJdbcEventStorageEngine engine = new InOrderJdbcEventStorageEngine(
                JdbcEventStorageEngine.builder().connectionProvider(TransactionHolesTest::connect).schema(schema)
                                      .eventSerializer(JacksonSerializer.defaultSerializer())
                                      .snapshotSerializer(JacksonSerializer.defaultSerializer()),
                schema, NoTransactionManager.INSTANCE,
                new InOrderJdbcEventStorageEngine.Gaps(Duration.ofSeconds(60), 10_000, 1), holes,
                new HeadRead(Duration.ZERO));

        insert(null, "e1");                                        // index 1, committed
        GapAwareTrackingToken afterFirst = GapAwareTrackingToken.newInstance(1, new TreeSet<>());
        try (Connection slow = connect()) {
            slow.setAutoCommit(false);
            insert(slow, "e2");                                    // index 2, not committed yet
            insert(null, "e3");                                    // index 3, committed
            // Far longer than any timeout: 2 stays unread, and so does 3 behind it.
            for (int i = 0; i < 6; i++) {
                assertThat(engine.fetchTrackedEvents(afterFirst, 100)).isEmpty();
                Thread.sleep(60);
            }
            slow.commit();
        }
        assertThat(indexes(engine.fetchTrackedEvents(afterFirst, 100))).containsExactly(2L, 3L);

        GapAwareTrackingToken afterThird = GapAwareTrackingToken.newInstance(3, new TreeSet<>());
        try (Connection failing = connect()) {
            failing.setAutoCommit(false);
            insert(failing, "e4");                                 // index 4, will roll back
            insert(null, "e5");                                    // index 5, committed
            assertThat(engine.fetchTrackedEvents(afterThird, 100)).isEmpty();
            failing.rollback();
        }
        StoreTestDatabase.awaitUntil("the rolled-back index 4 is passed", Duration.ofSeconds(10),
                    () -> indexes(engine.fetchTrackedEvents(afterThird, 100)).equals(List.of(5L)));
        engine.close();
    }

    private static void insert(Connection in, String id) throws Exception {
        String sql = ("insert into %s (event_identifier, aggregate_identifier, sequence_number, time_stamp, payload_type, "
                      + "payload, meta_data) values ('%s', 'agg-%s', 0, '2026-12-05T00:00:00Z', 'io.parley.api.Some', "
                      + "convert_to('{}', 'UTF8'), convert_to('{}', 'UTF8'))").formatted(TABLE, id, id);
        if (in == null) {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        } else {
            try (Statement statement = in.createStatement()) {
                statement.execute(sql);
            }
        }
    }

    private static List<Long> indexes(List<? extends TrackedEventData<?>> events) {
        return events.stream().map(e -> e.trackingToken().position().orElse(-1)).toList();
    }
}
