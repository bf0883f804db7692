package io.parley.api.user;

import io.parley.api.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin gives the user a reviewer: the one their /api/dialogs/new-message/ goes to. */
public record AssignReviewer(long userId, long reviewerId, long assignedBy) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.user(userId);
    }
}
