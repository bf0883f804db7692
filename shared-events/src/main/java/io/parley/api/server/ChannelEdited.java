package io.parley.api.server;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The channel's name and type after the change. */
@Revision("1")
public record ChannelEdited(long serverId, long channelId, String name, int type, long editedBy, Instant at) {
}
