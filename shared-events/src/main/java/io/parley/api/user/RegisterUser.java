package io.parley.api.user;

import io.parley.api.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers a user. {@code passwordHash} is a BCrypt hash for users who log in with a password (their
 * username is then claimed, unique), or null for users known from a JWT issued elsewhere. {@code avatar} is a
 * picture URL (http or https) or null.
 */
public record RegisterUser(long userId, String username, String email, String firstName, String lastName,
                           String avatar, String passwordHash) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.user(userId);
    }
}
