package io.parley.gateway.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.gateway.ApiError;
import io.parley.gateway.auth.TokenClaims;
import io.parley.gateway.socket.SocketRequest;
import io.parley.gateway.socket.SocketRequestHandler;
import io.parley.gateway.socket.SocketRequests;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * dialogs.messages.history over the socket (participants or admins) and the admin REST path. Anyone not
 * allowed is refused with forbidden whether the message exists or not, so they learn nothing; only an
 * admin is told not_found.
 */
@RestController
public class HistoryRequests implements SocketRequests {

    private final MessageHistory histories;
    private final HistoryJson json;

    public HistoryRequests(MessageHistory histories, HistoryJson json) {
        this.histories = histories;
        this.json = json;
    }

    @Override
    public Map<String, SocketRequestHandler> handlers() {
        return Map.of("dialogs.messages.history", this::dialogMessage);
    }

    private ObjectNode dialogMessage(SocketRequest request) {
        long messageId = request.id("message_id");
        return request.reply(json.dialogMessage(allowed(messageId, request.socket().claims())));
    }

    @GetMapping("/api/admin/messages/dialog/{id}/history")
    public ResponseEntity<ObjectNode> adminDialogMessage(TokenClaims caller, @PathVariable("id") long messageId) {
        caller.requireAdmin();
        return ResponseEntity.ok(json.dialogMessage(allowed(messageId, caller)));
    }

    private MessageHistory.History allowed(long messageId, TokenClaims caller) {
        var history = histories.ofDialogMessage(messageId);
        if (caller.isAdmin()) {
            return history.orElseThrow(() -> ApiError.notFound("message not found"));
        }
        return history.filter(h -> h.readers().contains(caller.userId()))
                      .orElseThrow(() -> ApiError.forbidden("not a participant of this message's dialog"));
    }
}
