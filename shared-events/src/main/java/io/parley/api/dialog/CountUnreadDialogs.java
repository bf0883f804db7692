package io.parley.api.dialog;

/** How many of the user's dialogs hold an unread message from someone else. Answers an Integer. */
public record CountUnreadDialogs(long userId) {
}
