package io.parley.command.server;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A server's stream grows with every join, leave, channel and invite, and every message posted in it
 * loads the server. A snapshot every {@code parley.snapshots.server-threshold} events (default 100)
 * keeps that load short.
 */
@Configuration
public class ServerSnapshots {

    @Bean
    public SnapshotTriggerDefinition serverSnapshotTrigger(
            Snapshotter snapshotter, @Value("${parley.snapshots.server-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
