package io.parley.api.server;

public record ChannelView(long id, long serverId, String name, int type) {
}
