package io.parley.api.dialog;

/** Answers a {@link DialogMessageView} (also of a deleted message, for pushes), or null. */
public record FindDialogMessage(long messageId) {
}
