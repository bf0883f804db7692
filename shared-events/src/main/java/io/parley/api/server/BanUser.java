package io.parley.api.server;

import io.parley.api.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Bans a user (a member is removed too); {@code expires} null: until unbanned. */
public record BanUser(long serverId, long bannerId, long userId, Instant expires) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.server(serverId);
    }
}
