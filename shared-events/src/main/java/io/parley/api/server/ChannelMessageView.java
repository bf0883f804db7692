package io.parley.api.server;

import java.time.Instant;

/** A channel message as the read model holds it; {@code edited} equals {@code sent} until the first edit. */
public record ChannelMessageView(long id, long channelId, long serverId, long authorId, String text, Instant sent,
                                 Instant edited, boolean deleted, long position) {
}
