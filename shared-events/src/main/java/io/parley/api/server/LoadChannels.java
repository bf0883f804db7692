package io.parley.api.server;

/** Every channel of the server, in the order they were created. Answers a {@link ChannelList}. */
public record LoadChannels(long serverId) {
}
