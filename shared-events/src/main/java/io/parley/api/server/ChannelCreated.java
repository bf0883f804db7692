package io.parley.api.server;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record ChannelCreated(long serverId, long channelId, String name, int type, long createdBy, Instant at) {
}
