package io.parley.api.server;

/** The servers the user is a member of, in the order they joined. Answers a {@link ServerPage}. */
public record LoadServers(long userId, int limit, int offset) {
}
