package io.parley.api.server;

import java.time.Instant;

/** {@code expires} null: until deleted. */
public record InviteView(String code, long serverId, Instant expires) {
}
