package io.parley.api.server;

import java.util.List;

public record ServerAudience(List<Long> userIds) {
}
