package io.parley.api.server;

/**
 * The server as one of its members sees it. Answers a {@link ServerView}, or null when the server is
 * unknown or deleted or the user is no member: to outsiders a server does not exist.
 */
public record FindServerOfMember(long serverId, long userId) {
}
