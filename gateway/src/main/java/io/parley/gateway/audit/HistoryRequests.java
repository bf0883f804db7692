package io.parley.gateway.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.api.AggregateIds;
import io.parley.api.dialog.DialogMessagePosted;
import io.parley.gateway.Json;
import io.parley.gateway.auth.TokenClaims;
import io.parley.gateway.socket.SocketRequest;
import io.parley.gateway.socket.SocketRequestHandler;
import io.parley.gateway.socket.SocketRequests;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** dialogs.messages.history over the socket (participants or admins) and the admin REST path. */
@RestController
public class HistoryRequests implements SocketRequests {

    private final MessageHistory histories;
    private final ObjectMapper mapper;

    public HistoryRequests(MessageHistory histories, ObjectMapper mapper) {
        this.histories = histories;
        this.mapper = mapper;
    }

    @Override
    public Map<String, SocketRequestHandler> handlers() {
        return Map.of("dialogs.messages.history", this::dialogMessage);
    }

    private ObjectNode dialogMessage(SocketRequest request) {
        return request.reply(allowed(request.id("message_id"), request.socket().claims()));
    }

    @GetMapping("/api/admin/messages/dialog/{id}/history")
    public ResponseEntity<ObjectNode> adminDialogMessage(TokenClaims caller, @PathVariable("id") long messageId) {
        caller.requireAdmin();
        return ResponseEntity.ok(allowed(messageId, caller));
    }

    /** {"id","dialog","versions":[{"kind","markdown_body","user","date"}…]} for the participants of its dialog. */
    private ObjectNode allowed(long messageId, TokenClaims caller) {
        MessageHistory.Versions history = MessageHistory.allowed(
                histories.read(AggregateIds.dialogMessage(messageId)), caller,
                h -> ((DialogMessagePosted) h.posted()).participantIds().contains(caller.userId()),
                "not a participant of this message's dialog");
        ObjectNode json = mapper.createObjectNode();
        json.put("id", messageId);
        json.put("dialog", ((DialogMessagePosted) history.posted()).dialogId());
        HistoryJson.versions(json, history.versions(), "markdown_body", Json::isoMicros);
        return json;
    }
}
