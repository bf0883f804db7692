package io.parley.api.server;

import java.util.List;

public record ChannelMessagePage(List<ChannelMessageView> items, long total) {
}
