package io.parley.api.server;

import java.time.Instant;

/** The server's invites that have not expired at {@code now}, oldest first. Answers an {@link InvitePage}. */
public record LoadServerInvites(long serverId, Instant now, int limit, int offset) {
}
