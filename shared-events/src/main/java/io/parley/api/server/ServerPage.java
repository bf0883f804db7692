package io.parley.api.server;

import java.util.List;

public record ServerPage(List<ServerView> items, long total) {
}
