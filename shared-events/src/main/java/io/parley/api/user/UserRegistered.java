package io.parley.api.user;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * Revision 2 added {@code avatar} (a picture URL, or null); revision 1 events are read through
 * {@code UserRegisteredUpcaster}, which gives them a null avatar.
 */
@Revision("2")
public record UserRegistered(long userId, String username, String email, String firstName, String lastName,
                             String avatar, String passwordHash, Instant at) {
}
