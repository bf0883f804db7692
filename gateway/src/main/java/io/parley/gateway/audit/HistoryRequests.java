package io.parley.gateway.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.api.AggregateIds;
import io.parley.api.dialog.DialogMessagePosted;
import io.parley.gateway.Json;
import io.parley.realtime.api.TokenClaims;
import io.parley.realtime.api.SocketRequest;
import io.parley.realtime.api.SocketRequestHandler;
import io.parley.realtime.api.SocketRequests;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** dialogs.messages.history over the socket (participants or admins) and the admin REST path. */
@RestController
public class HistoryRequests implements SocketRequests {

    /** A dialog message's versions, oldest first. */
    public record History(long id, long dialog, List<Version> versions) {
    }

    /** One version, with the Markdown as sent; a deletion has no text. */
    public record Version(String kind,
                          @JsonProperty("markdown_body") @JsonInclude(JsonInclude.Include.NON_NULL) String markdownBody,
                          long user, String date) {
    }

    private final MessageHistory histories;

    public HistoryRequests(MessageHistory histories) {
        this.histories = histories;
    }

    @Override
    public Map<String, SocketRequestHandler> handlers() {
        return Map.of("dialogs.messages.history", this::dialogMessage);
    }

    private ObjectNode dialogMessage(SocketRequest request) {
        return request.reply(allowed(request.id("message_id"), request.claims()));
    }

    @GetMapping("/api/admin/messages/dialog/{id}/history")
    public ResponseEntity<History> adminDialogMessage(TokenClaims caller, @PathVariable("id") long messageId) {
        caller.requireAdmin();
        return ResponseEntity.ok(allowed(messageId, caller));
    }

    /** {"id","dialog","versions":[{"kind","markdown_body","user","date"}…]} for the participants of its dialog. */
    private History allowed(long messageId, TokenClaims caller) {
        MessageHistory.Versions history = MessageHistory.allowed(
                histories.read(AggregateIds.dialogMessage(messageId)), caller,
                h -> ((DialogMessagePosted) h.posted()).participantIds().contains(caller.userId()),
                "not a participant of this message's dialog");
        return new History(messageId, ((DialogMessagePosted) history.posted()).dialogId(), history.versions().stream()
                .map(v -> new Version(v.kind(), v.text(), v.userId(), Json.isoMicros(v.at()))).toList());
    }
}
