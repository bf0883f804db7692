package io.parley.api.server;

import io.parley.api.user.UserView;

import java.util.List;

public record MemberPage(List<UserView> items, long total) {
}
