package io.parley.api.dialog;

/**
 * The changes of one user's unread-dialogs count by the events from {@code fromPosition} to
 * {@code toPosition} (both included): the rows {@link FindUnreadCountChanges} reads one position at a
 * time, for a catch-up. Answers a {@link UserUnreadCountChanges}, in position order.
 */
public record FindUserUnreadCountChanges(long userId, long fromPosition, long toPosition) {
}
