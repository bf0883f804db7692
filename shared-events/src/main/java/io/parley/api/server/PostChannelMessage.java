package io.parley.api.server;

import io.parley.api.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Posts a message into a text channel. Handled by the server, which checks the author and the channel
 * and starts the message's own event stream. Answers the message id: with a {@code nonce} (optional) the
 * author used in the last 24 hours, that earlier message's id, and nothing is posted.
 */
public record PostChannelMessage(long serverId, long channelId, long messageId, long authorId, String text,
                                 String nonce) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.server(serverId);
    }
}
