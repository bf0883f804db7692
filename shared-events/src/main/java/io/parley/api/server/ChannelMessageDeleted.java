package io.parley.api.server;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record ChannelMessageDeleted(long messageId, long channelId, long serverId, long deleterId, Instant at) {
}
