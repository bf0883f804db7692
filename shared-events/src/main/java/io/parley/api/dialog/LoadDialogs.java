package io.parley.api.dialog;

/** The user's dialogs, latest activity first. Answers a {@link DialogPage}. */
public record LoadDialogs(long userId, int limit, int offset) {
}
