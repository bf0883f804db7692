package io.parley.api.dialog;

import io.parley.api.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record EditDialogMessage(long messageId, long editorId, String body) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.dialogMessage(messageId);
    }
}
