package io.parley.api.server;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record InviteDeleted(long serverId, String code, long deletedBy, Instant at) {
}
