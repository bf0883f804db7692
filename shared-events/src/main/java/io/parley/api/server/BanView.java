package io.parley.api.server;

import java.time.Instant;

/** {@code expires} null: until unbanned. */
public record BanView(long serverId, long userId, Instant expires) {
}
