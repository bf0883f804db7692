package io.parley.api.server;

import io.parley.api.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates a server; its creator becomes its owner and first member. */
public record CreateServer(long serverId, long ownerId, String name) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.server(serverId);
    }
}
