package io.parley.api.dialog;

/**
 * Every user's unread-dialogs count changes by the events from {@code fromPosition} to
 * {@code toPosition} (both included), for the live pushes of a batch of events. Answers an
 * {@link UnreadCountChangesBetween}, in position order.
 */
public record FindUnreadCountChangesBetween(long fromPosition, long toPosition) {
}
