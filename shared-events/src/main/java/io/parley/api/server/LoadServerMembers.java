package io.parley.api.server;

/** The server's members, in the order they joined. Answers a {@link MemberPage}. */
public record LoadServerMembers(long serverId, int limit, int offset) {
}
