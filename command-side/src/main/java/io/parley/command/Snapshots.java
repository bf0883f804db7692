package io.parley.command;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Snapshots of the aggregates whose streams grow, and the cache of dialogs. A server's stream grows
 * with every join, leave, channel and invite, and every message posted in it loads the server; a
 * dialog's holds only its start, but the same rule keeps it short should that change. A snapshot every
 * {@code parley.snapshots.*-threshold} events (default 100) keeps loading short.
 */
@Configuration
public class Snapshots {

    @Bean
    public SnapshotTriggerDefinition serverSnapshotTrigger(
            Snapshotter snapshotter, @Value("${parley.snapshots.server-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /**
     * Dialogs loaded lately, for as long as the garbage collector leaves them: a dialog never changes
     * after its start (see {@code Dialog}), so a kept one is never stale.
     */
    @Bean
    public Cache dialogCache() {
        return new WeakReferenceCache();
    }

    @Bean
    public SnapshotTriggerDefinition dialogSnapshotTrigger(
            Snapshotter snapshotter, @Value("${parley.snapshots.dialog-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
