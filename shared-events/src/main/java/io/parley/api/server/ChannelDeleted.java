package io.parley.api.server;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The channel is gone; its messages are unreachable from now on (their streams stay). */
@Revision("1")
public record ChannelDeleted(long serverId, long channelId, long deletedBy, Instant at) {
}
