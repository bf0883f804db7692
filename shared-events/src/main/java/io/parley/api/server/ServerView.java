package io.parley.api.server;

public record ServerView(long id, String name, long ownerId) {
}
