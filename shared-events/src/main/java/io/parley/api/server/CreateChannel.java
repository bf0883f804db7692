package io.parley.api.server;

import io.parley.api.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code type}: {@link ChannelType#TEXT} or {@link ChannelType#VOICE}. */
public record CreateChannel(long serverId, long channelId, long creatorId, String name, int type) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.server(serverId);
    }
}
