package io.parley.api.user;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record UserRegistered(long userId, String username, String email, String firstName, String lastName,
                             String passwordHash, Instant at) {
}
