package io.parley.gateway.server;

import io.parley.realtime.api.TokenClaims;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A channel message's history over REST, for admins (the socket's channels.messages.history as JSON). */
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
