package io.parley.api.dialog;

/** Answers a {@link DialogSummary}, or null for an unknown dialog. */
public record FindDialog(long dialogId) {
}
