package io.parley.api.server;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record ChannelMessageEdited(long messageId, long channelId, long serverId, long editorId, String text,
                                   Instant at) {
}
