package io.parley.eventstore;

import io.parley.api.AggregateIds;
import io.parley.gateway.support.ParleyTest;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.TestDatabase;
import io.parley.gateway.support.Tokens;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The PostgreSQL traps of Axon's event store, avoided (DESIGN.md). */
@DisabledIfEnvironmentVariable(named = "PARLEY_TEST_AXONSERVER", matches = ".+",
                               disabledReason = "Parley's PostgreSQL event store; Axon Server holds the events then")
class EventStoreSchemaTest extends ParleyTest {

    @Test
    void writingEventsCreatesNoLargeObjects() {
        long a = Tokens.newUserId();
        long b = Tokens.newUserId();
        long before = storedEvents();
        try (SocketClient alice = connect(a); SocketClient bob = connect(b)) {
            long dialog = startDialog(a, b);
            for (int i = 0; i < 20; i++) {
                alice.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "message " + i));
            }
            bob.request("users.settings.edit", Map.of("first_name", "Bob"));
        }
        assertThat(storedEvents()).isGreaterThanOrEqualTo(before + 24);
        assertThat(TestDatabase.count("select count(*) from pg_largeobject_metadata")).isZero();
        // Tokens of the projections are stored too, also as bytea.
        assertThat(TestDatabase.count("select count(*) from token_entry where token is not null")).isPositive();
    }

    @Autowired
    EventStorageEngine engine;

    /** A payload of the probe aggregates below; no handler of Parley's takes it. */
    record AppendProbe(int n) {
    }

    @Test
    void aUnitOfWorksEventsAreAppendedInOrderInStatementsOfUpToTheBoundAndTheirPositionsNoted() throws Exception {
        for (int count : new int[]{3, MultiRowAppend.MAX_ROWS + 1}) {
            String aggregate = "append-probe-" + UUID.randomUUID();
            List<DomainEventMessage<?>> events = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                events.add(probe(aggregate, i));
            }
            // The engine records what it appended in the unit of work it appended for.
            UnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(null);
            unit.execute(() -> engine.appendEvents(events));
            List<long[]> stored = new ArrayList<>();
            try (Connection connection = TestDatabase.connect();
                 PreparedStatement select = connection.prepareStatement(
                         "select global_index, sequence_number from domain_event_entry "
                                 + "where aggregate_identifier = ? order by global_index")) {
                select.setString(1, aggregate);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        stored.add(new long[]{rows.getLong(1), rows.getLong(2)});
                    }
                }
            }
            assertThat(stored).hasSize(count);
            for (int i = 0; i < count; i++) {
                assertThat(stored.get(i)[1]).isEqualTo(i); // in the order they were applied
            }
            // The positions handed back are those the rows got (read-your-writes waits for the highest).
            assertThat(AppendedPositions.highestIn(unit)).isEqualTo(stored.get(count - 1)[0]);
        }
    }

    /** What read-your-writes and the client's conflict rest on: a taken sequence number stores nothing. */
    @Test
    void anEventAtASequenceNumberAlreadyTakenIsAConcurrencyConflictAndNothingOfItsUnitIsStored() throws Exception {
        String aggregate = "append-probe-" + UUID.randomUUID();
        DefaultUnitOfWork.startAndGet(null).execute(() -> engine.appendEvents(probe(aggregate, 0), probe(aggregate, 1)));

        UnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(null);
        assertThatThrownBy(() -> unit.execute(() -> engine.appendEvents(probe(aggregate, 2), probe(aggregate, 1))))
                .isInstanceOf(ConcurrencyException.class);
        assertThat(AppendedPositions.highestIn(unit)).isEqualTo(-1);
        assertThat(TestDatabase.count("select count(*) from domain_event_entry where aggregate_identifier = '"
                                      + aggregate + "'")).isEqualTo(2);
    }

    private static DomainEventMessage<?> probe(String aggregate, int sequence) {
        return new GenericDomainEventMessage<>("AppendProbe", aggregate, sequence, new AppendProbe(sequence));
    }

    @Test
    void tablesEveryMessageWritesKeepOnlyTheIndexesReadsGoThrough() {
        // On PostgreSQL (this database) the file index leaves out messages without a file.
        assertThat(TestDatabase.count("""
                select count(*) from pg_indexes where tablename = 'dialog_message_view'
                  and indexname = 'dialog_message_view_file' and indexdef like '%WHERE (file_id IS NOT NULL)%'"""))
                .isEqualTo(1);
        assertThat(TestDatabase.count("select count(*) from pg_indexes where tablename = 'unread_message'"))
                .isEqualTo(1);
        // The mail queue: the key, the once-per-recipient constraint, and one partial index per status a
        // look goes through (pending, sending, dead); sent mails are in none of those.
        assertThat(TestDatabase.count("select count(*) from pg_indexes where tablename = 'email_outbox'"))
                .isEqualTo(5);
        assertThat(TestDatabase.count("select count(*) from pg_indexes where tablename = 'email_outbox' "
                                              + "and indexdef like '%WHERE%'")).isEqualTo(3);
    }

    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void parleysConnectionsPlanEveryExecutionAfresh() throws Exception {
        // A generic plan made while a table was empty would otherwise stay for the connection's life.
        try (Connection connection = dataSource.getConnection();
             ResultSet mode = connection.createStatement().executeQuery("show plan_cache_mode")) {
            assertThat(mode.next()).isTrue();
            assertThat(mode.getString(1)).isEqualTo("force_custom_plan");
        }
    }

    @Test
    void binaryColumnsAreByteaAndTheGlobalIndexHasItsOwnSequenceOfStepOne() {
        assertThat(TestDatabase.count("""
                select count(*) from information_schema.columns
                where table_name in ('domain_event_entry', 'snapshot_event_entry', 'token_entry')
                  and column_name in ('payload', 'meta_data', 'token') and data_type <> 'bytea'""")).isZero();
        assertThat(TestDatabase.count("""
                select count(*) from information_schema.columns
                where table_name in ('domain_event_entry', 'snapshot_event_entry', 'token_entry')
                  and column_name in ('payload', 'meta_data', 'token')""")).isEqualTo(5);
        assertThat(TestDatabase.count("""
                select increment_by from pg_sequences
                where schemaname || '.' || sequencename = pg_get_serial_sequence('domain_event_entry', 'global_index')
                """)).isEqualTo(1);
    }

    @Test
    void eventsAreStoredAsJson() {
        long user = Tokens.newUserId();
        connect(user).close();
        assertThat(TestDatabase.count("""
                select count(*) from domain_event_entry
                where aggregate_identifier = 'user-%d' and convert_from(payload, 'UTF8') like '{%%"username":%%'
                """.formatted(user))).isEqualTo(1);
    }

    @Test
    void theEventsOfASocketsCommandCarryItsCorrelationAndItsSocket() {
        long a = Tokens.newUserId();
        long b = Tokens.newUserId();
        try (SocketClient alice = connect(a); SocketClient bob = connect(b)) {
            long dialog = startDialog(a, b);
            long message = alice.request("dialogs.messages.create", Map.of("dialog_id", dialog, "body", "traced"))
                                .get("data").get("id").asLong();
            // The push stream skips the sending socket by this metadata; the ids tie the event to its command.
            assertThat(TestDatabase.count("""
                    select count(*) from domain_event_entry
                    where aggregate_identifier = '%s'
                      and jsonb_exists_all(convert_from(meta_data, 'UTF8')::jsonb,
                                         array['parleySocket', 'correlationId', 'traceId'])
                    """.formatted(AggregateIds.dialogMessage(message)))).isEqualTo(1);
        }
    }
}
