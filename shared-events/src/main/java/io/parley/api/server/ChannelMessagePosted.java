package io.parley.api.server;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** First event of a channel message's stream. */
@Revision("1")
public record ChannelMessagePosted(long messageId, long channelId, long serverId, long authorId, String text,
                                   Instant at) {
}
