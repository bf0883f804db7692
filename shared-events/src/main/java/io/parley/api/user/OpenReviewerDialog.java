package io.parley.api.user;

import io.parley.api.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The dialog between the user and their current reviewer: the existing one, or a new one under
 * {@code newDialogId}. Answers the dialog id; refused (forbidden) when the user has no reviewer.
 */
public record OpenReviewerDialog(long userId, long newDialogId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.user(userId);
    }
}
