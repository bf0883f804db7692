package io.parley.api.server;

import io.parley.api.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record KickMember(long serverId, long kickerId, long userId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.server(serverId);
    }
}
