package io.parley.api.user;

public record UserView(long id, String username, String email, String firstName, String lastName, String avatar,
                       boolean emailNotifications) {
}
