package io.parley.api.server;

/**
 * One user's stretches of membership, in every server, that overlap the positions from
 * {@code fromPosition} to {@code toPosition}: with them a catch-up knows the user's place in each
 * {@link FindServerAudience} of that range without asking per event. Answers a {@link MembershipIntervals}.
 */
public record FindMembershipIntervals(long userId, long fromPosition, long toPosition) {
}
