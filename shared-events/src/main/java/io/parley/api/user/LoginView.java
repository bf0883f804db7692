package io.parley.api.user;

public record LoginView(long userId, String username, String email, String passwordHash) {
}
