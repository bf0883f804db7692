package io.parley.api.dialog;

/**
 * A page of a dialog's messages, counted back from the newest, oldest first inside the page. Answers
 * a {@link DialogMessagePage}; {@code participant} is false (and the page empty) for anyone else.
 */
public record LoadDialogMessages(long dialogId, long userId, int limit, int offset) {
}
