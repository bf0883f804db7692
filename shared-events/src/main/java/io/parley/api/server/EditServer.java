package io.parley.api.server;

import io.parley.api.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Renames a server and/or hands it to another member; a null field stays as it is. */
public record EditServer(long serverId, long editorId, String name, Long ownerId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.server(serverId);
    }
}
