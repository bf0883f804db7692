package io.parley.api.server;

/**
 * Who was a member of the server at the event at this global position: joined at or before it and not
 * left before it. So a removed user still gets {@code user_left}, and members get {@code server_deleted}.
 * Answers a {@link ServerAudience}.
 */
public record FindServerAudience(long serverId, long position) {
}
