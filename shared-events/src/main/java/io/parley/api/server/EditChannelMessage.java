package io.parley.api.server;

import io.parley.api.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record EditChannelMessage(long messageId, long editorId, String text) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.channelMessage(messageId);
    }
}
