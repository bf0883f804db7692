package io.parley.api.server;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** {@code expires} null: until unbanned. A ban of a member is followed by {@link MemberLeft}. */
@Revision("1")
public record UserBanned(long serverId, long userId, long bannedBy, Instant expires, Instant at) {
}
