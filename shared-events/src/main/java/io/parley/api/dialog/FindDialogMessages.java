package io.parley.api.dialog;

import java.util.Set;

/**
 * Several messages at once, for composing a batch of pushes. Answers a {@link DialogMessageList} of those
 * the read model has (deleted ones too, as {@link FindDialogMessage}), in no particular order.
 */
public record FindDialogMessages(Set<Long> messageIds) {
}
