package io.parley.api.server;

import io.parley.api.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Renames a channel and/or changes its type; a null field stays as it is. */
public record EditChannel(long serverId, long channelId, long editorId, String name, Integer type) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.server(serverId);
    }
}
