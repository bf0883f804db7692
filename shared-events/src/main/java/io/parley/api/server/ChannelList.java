package io.parley.api.server;

import java.util.List;

public record ChannelList(List<ChannelView> items) {
}
