package io.parley.api.server;

import io.parley.api.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteChannelMessage(long messageId, long deleterId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.channelMessage(messageId);
    }
}
