package io.parley.api.dialog;

import io.parley.api.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Starts a dialog between the given users (an admin's act, or a user writing to their reviewer). */
public record StartDialog(long dialogId, List<Long> participantIds, long startedBy) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.dialog(dialogId);
    }
}
