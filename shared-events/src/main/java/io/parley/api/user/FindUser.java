package io.parley.api.user;

/** Answers a {@link UserView}, or null for an unknown user. */
public record FindUser(long userId) {
}
