package io.parley.api.dialog;

import java.util.Set;

/** Several dialogs' participants at once. Answers a {@link DialogSummaries}; unknown dialogs are left out. */
public record FindDialogs(Set<Long> dialogIds) {
}
