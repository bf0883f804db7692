package io.parley.api.server;

import java.time.Instant;

/** The server's bans in force at {@code now}, oldest first. Answers a {@link BanPage}. */
public record LoadServerBans(long serverId, Instant now, int limit, int offset) {
}
