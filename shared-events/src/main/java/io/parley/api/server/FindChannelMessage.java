package io.parley.api.server;

/**
 * Answers a {@link ChannelMessageView} (also of a deleted message, which may still serve as a paging
 * cursor), or null when there is no such message or its channel is gone.
 */
public record FindChannelMessage(long messageId) {
}
