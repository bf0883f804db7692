package io.parley.api.user;

import java.util.Set;

/** Several profiles at once (a batch of emails): answers a {@link UserList} of those users who exist. */
public record FindUsers(Set<Long> userIds) {
}
