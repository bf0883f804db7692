package io.parley.api.user;

import java.util.List;

public record UserList(List<UserView> users) {
}
