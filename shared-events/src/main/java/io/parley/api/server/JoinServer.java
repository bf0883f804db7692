package io.parley.api.server;

import io.parley.api.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Joins the server whose invite has this code. */
public record JoinServer(long serverId, long userId, String code) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.server(serverId);
    }
}
