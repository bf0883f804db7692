package io.parley.gateway.server;

import io.parley.gateway.auth.TokenClaims;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The admin panel's path to a channel message's history (SPEC §5). */
@RestController
public class ChannelHistoryController {

    private final ChannelMessageHistory histories;

    public ChannelHistoryController(ChannelMessageHistory histories) {
        this.histories = histories;
    }

    @GetMapping("/api/admin/messages/channel/{id}/history")
    public ChannelMessageHistory.History history(TokenClaims caller, @PathVariable("id") long messageId) {
        caller.requireAdmin();
        return histories.allowed(messageId, caller);
    }
}
