package io.parley.api.dialog;

import io.parley.api.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The reader has seen this message, and with it every earlier message from others in the dialog. */
public record MarkDialogMessageSeen(long messageId, long dialogId, long readerId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.dialogMessage(messageId);
    }
}
