package io.parley.api.server;

/**
 * A page of a channel's messages that are not deleted, counted back from the newest, oldest first inside
 * the page. {@code before} and {@code after} (message ids of this channel, or null) narrow the range to
 * messages posted before or after that one. Answers a {@link ChannelMessagePage}.
 */
public record LoadChannelMessages(long channelId, int limit, int offset, Long before, Long after) {
}
