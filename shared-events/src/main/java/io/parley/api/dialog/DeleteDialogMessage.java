package io.parley.api.dialog;

import io.parley.api.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteDialogMessage(long messageId, long deleterId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.dialogMessage(messageId);
    }
}
