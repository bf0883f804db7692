package io.parley.api.server;

import io.parley.api.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** An invite under a random code the gateway made; {@code expires} null: until deleted. */
public record CreateInvite(long serverId, long creatorId, String code, Instant expires) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.server(serverId);
    }
}
