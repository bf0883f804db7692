package io.parley.api.dialog;

import io.parley.api.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Posts a message into a dialog. Handled by the dialog, which checks the author and starts the
 * message's own event stream; {@code fileId} and {@code nonce} are optional. Answers the message id: a
 * nonce the author used in the last 24 hours answers that earlier message's id, and nothing is posted.
 */
public record PostDialogMessage(long dialogId, long messageId, long authorId, String body, Long fileId,
                                String nonce) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.dialog(dialogId);
    }
}
