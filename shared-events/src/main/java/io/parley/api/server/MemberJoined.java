package io.parley.api.server;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A user joined through the invite with this code. */
@Revision("1")
public record MemberJoined(long serverId, long userId, String inviteCode, Instant at) {
}
