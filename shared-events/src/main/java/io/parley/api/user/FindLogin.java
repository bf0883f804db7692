package io.parley.api.user;

/** Answers a {@link LoginView} for a username that logs in with a password, or null. */
public record FindLogin(String username) {
}
