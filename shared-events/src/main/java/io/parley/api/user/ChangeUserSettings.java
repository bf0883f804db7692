package io.parley.api.user;

import io.parley.api.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Changes a user's own settings; a null field stays as it is. */
public record ChangeUserSettings(long userId, Boolean emailNotifications, String firstName, String lastName) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.user(userId);
    }
}
