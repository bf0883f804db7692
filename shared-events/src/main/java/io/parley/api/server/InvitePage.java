package io.parley.api.server;

import java.util.List;

public record InvitePage(List<InviteView> items, long total) {
}
