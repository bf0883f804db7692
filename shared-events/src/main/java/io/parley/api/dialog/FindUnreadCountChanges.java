package io.parley.api.dialog;

/**
 * Whose unread-dialogs count the event at this global position changed, and to what. Answers an
 * {@link UnreadCountChanges}.
 */
public record FindUnreadCountChanges(long position) {
}
