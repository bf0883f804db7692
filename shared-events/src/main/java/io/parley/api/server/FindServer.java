package io.parley.api.server;

/** Answers a {@link ServerView}, or null for an unknown or deleted server. */
public record FindServer(long serverId) {
}
