package io.parley.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import static org.axonframework.eventhandling.EventUtils.asDomainEventMessage;

/**
 * The append: all events a unit of work stores, as one {@code INSERT} of many rows (of up to
 * {@link #MAX_ROWS}) that hands back the global indexes the rows got. A statement batch of one-row inserts
 * would store the same, but asking for generated keys keeps the PostgreSQL driver from rewriting such a
 * batch into one statement, so each row was executed on its own; a group of posts stores dozens.
 */
final class MultiRowAppend {

    /** Nine parameters a row, and PostgreSQL takes at most 65,535 in one statement. */
    static final int MAX_ROWS = 1_000;

    private MultiRowAppend() {
    }

    /** Inserts the events in their order; answers the highest global index they got (-1 for no events). */
    static long append(Connection connection, EventSchema schema, Class<?> dataType,
                       List<? extends EventMessage<?>> events, Serializer serializer, TimestampWriter timestamps)
            throws SQLException {
        long highest = -1;
        for (int from = 0; from < events.size(); from += MAX_ROWS) {
            List<? extends EventMessage<?>> rows = events.subList(from, Math.min(events.size(), from + MAX_ROWS));
            try (PreparedStatement statement = statement(connection, schema, dataType, rows, serializer, timestamps)) {
                statement.executeUpdate();
                try (ResultSet indexes = statement.getGeneratedKeys()) {
                    while (indexes.next()) {
                        highest = Math.max(highest, indexes.getLong(1));
                    }
                }
            }
        }
        return highest;
    }

    private static PreparedStatement statement(Connection connection, EventSchema schema, Class<?> dataType,
                                               List<? extends EventMessage<?>> events, Serializer serializer,
                                               TimestampWriter timestamps) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(schema.domainEventTable()).append(" (")
                                                             .append(schema.domainEventFields()).append(") VALUES ");
        for (int i = 0; i < events.size(); i++) {
            sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?,?)");
        }
        PreparedStatement statement = connection.prepareStatement(sql.toString(),
                                                                  new String[]{schema.globalIndexColumn()});
        try {
            int column = 0;
            for (EventMessage<?> message : events) {
                DomainEventMessage<?> event = asDomainEventMessage(message);
                SerializedObject<?> payload = event.serializePayload(serializer, dataType);
                SerializedObject<?> metaData = event.serializeMetaData(serializer, dataType);
                statement.setString(column + 1, event.getIdentifier());
                statement.setString(column + 2, event.getAggregateIdentifier());
                statement.setLong(column + 3, event.getSequenceNumber());
                statement.setString(column + 4, event.getType());
                timestamps.writeTimestamp(statement, column + 5, event.getTimestamp());
                statement.setString(column + 6, payload.getType().getName());
                statement.setString(column + 7, payload.getType().getRevision());
                statement.setObject(column + 8, payload.getData());
                statement.setObject(column + 9, metaData.getData());
                column += 9;
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
