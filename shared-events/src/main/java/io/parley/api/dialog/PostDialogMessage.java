package io.parley.api.dialog;

import io.parley.api.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Posts a message into a dialog. Handled by the dialog, which checks the author and starts the
 * message's own event stream; {@code fileId} is optional.
 */
public record PostDialogMessage(long dialogId, long messageId, long authorId, String body, Long fileId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.dialog(dialogId);
    }
}
