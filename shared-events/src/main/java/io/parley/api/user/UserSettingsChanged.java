package io.parley.api.user;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The user's settings after the change, all of them. */
@Revision("1")
public record UserSettingsChanged(long userId, boolean emailNotifications, String firstName, String lastName,
                                  Instant at) {
}
