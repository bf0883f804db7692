package io.parley.api.server;

/** Answers a {@link ChannelView}, or null for an unknown or deleted channel. */
public record FindChannel(long channelId) {
}
