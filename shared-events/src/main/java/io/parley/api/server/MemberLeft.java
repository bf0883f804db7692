package io.parley.api.server;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A member is a member no more: left, kicked, or banned (then right after {@link UserBanned}).
 * {@code byUserId} is who did it: the member themself, or the owner.
 */
@Revision("1")
public record MemberLeft(long serverId, long userId, LeaveReason reason, long byUserId, Instant at) {
}
