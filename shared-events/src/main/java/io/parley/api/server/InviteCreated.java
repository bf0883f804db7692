package io.parley.api.server;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** {@code expires} null: until deleted. */
@Revision("1")
public record InviteCreated(long serverId, String code, long createdBy, Instant expires, Instant at) {
}
