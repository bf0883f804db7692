package io.parley.gateway.server;

import io.parley.api.AggregateIds;
import io.parley.api.server.EditChannel;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.Tokens;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A server with 10,000 events is loaded from a snapshot, not from its first event. */
class ServerSnapshotTest extends ServersApiTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;

    @Test
    void theNextCommandOfABigServerStartsFromASnapshot() {
        long owner = Tokens.newUserId();
        try (SocketClient client = connect(owner)) {
            long server = createServer(client, "busy");
            long channel = createChannel(client, server, "renamed often");
            for (int i = 0; i < 10_000; i++) {
                commands.sendAndWait(new EditChannel(server, channel, owner, "name " + i, null));
            }
            String aggregate = AggregateIds.server(server);
            // The store holds every event (in either event store: Parley's on PostgreSQL or Axon Server).
            assertThat(eventStore.lastSequenceNumberFor(aggregate).orElseThrow()).isGreaterThanOrEqualTo(10_000L);

            // What the repository reads to handle a command: the snapshot first, then the few events after it.
            DomainEventStream stream = eventStore.readEvents(aggregate);
            DomainEventMessage<?> first = stream.next();
            assertThat(first.getPayloadType().getSimpleName()).isEqualTo("Server");
            assertThat(first.getSequenceNumber()).isGreaterThanOrEqualTo(9_900);
            int after = 0;
            while (stream.hasNext()) {
                stream.next();
                after++;
            }
            assertThat(after).isLessThan(100);

            // And the next command works on that state.
            ok(client, "channels.edit", Map.of("server_id", server, "channel_id", channel, "name", "finally"));
            assertThat(ok(client, "channels.load", Map.of("server_id", server)).get("data").toString()).contains("finally");
        }
    }
}
