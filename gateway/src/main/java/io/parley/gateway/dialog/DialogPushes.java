package io.parley.gateway.dialog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.api.dialog.DialogMessageDeleted;
import io.parley.api.dialog.DialogMessageEdited;
import io.parley.api.dialog.DialogMessagePosted;
import io.parley.api.dialog.DialogMessageSeen;
import io.parley.api.dialog.DialogMessageView;
import io.parley.api.dialog.DialogSummary;
import io.parley.api.dialog.FindDialog;
import io.parley.api.dialog.FindDialogMessage;
import io.parley.api.dialog.FindUnreadCountChanges;
import io.parley.api.dialog.UnreadCountChanges;
import io.parley.gateway.Commands;
import io.parley.gateway.GatewayConfiguration;
import io.parley.gateway.eventstore.EventStoreConfiguration;
import io.parley.gateway.socket.SocketRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;

/**
 * Pushes of the dialogs API. Runs in this node's push processor: for each event it waits until the
 * read models have it, reads what the push shows, and sends it to the participants' sockets on this
 * node. The socket that sent the request got the reply instead, so it is skipped.
 */
@Component
@ProcessingGroup(EventStoreConfiguration.PUSH_PROCESSOR)
@DisallowReplay
public class DialogPushes {

    private final Commands commands;
    private final SocketRegistry sockets;
    private final DialogJson json;
    private final ObjectMapper mapper;

    public DialogPushes(Commands commands, SocketRegistry sockets, DialogJson json, ObjectMapper mapper) {
        this.commands = commands;
        this.sockets = sockets;
        this.json = json;
        this.mapper = mapper;
    }

    @EventHandler
    void on(DialogMessagePosted event, TrackingToken token,
            @MetaDataValue(GatewayConfiguration.ORIGIN_SOCKET) String origin) {
        long seq = visible(token);
        DialogMessageView message = commands.query(new FindDialogMessage(event.messageId()), DialogMessageView.class);
        if (message != null) {
            sockets.sendTo(event.participantIds(), push("dialogs.messages.create", json.message(message), seq), origin);
        }
        pushCountChanges(seq);
    }

    @EventHandler
    void on(DialogMessageSeen event, TrackingToken token,
            @MetaDataValue(GatewayConfiguration.ORIGIN_SOCKET) String origin) {
        long seq = visible(token);
        DialogMessageView message = commands.query(new FindDialogMessage(event.messageId()), DialogMessageView.class);
        if (message != null) {
            ObjectNode frame = frame("dialogs.messages.seen", json.message(message), seq);
            frame.put("user", event.readerId());
            sockets.sendTo(participants(event.dialogId()), frame.toString(), origin);
        }
        pushCountChanges(seq);
    }

    @EventHandler
    void on(DialogMessageEdited event, TrackingToken token,
            @MetaDataValue(GatewayConfiguration.ORIGIN_SOCKET) String origin) {
        long seq = visible(token);
        DialogMessageView message = commands.query(new FindDialogMessage(event.messageId()), DialogMessageView.class);
        if (message != null) {
            sockets.sendTo(participants(event.dialogId()), push("dialogs.messages.edit", json.message(message), seq),
                           origin);
        }
    }

    @EventHandler
    void on(DialogMessageDeleted event, TrackingToken token,
            @MetaDataValue(GatewayConfiguration.ORIGIN_SOCKET) String origin) {
        long seq = visible(token);
        ObjectNode data = mapper.createObjectNode();
        data.put("id", event.messageId());
        data.put("dialog", event.dialogId());
        sockets.sendTo(participants(event.dialogId()), push("dialogs.messages.delete", data, seq), origin);
        pushCountChanges(seq);
    }

    /** notifications.dialogs.count to every socket of each user whose count this event changed. */
    private void pushCountChanges(long seq) {
        UnreadCountChanges changes = commands.query(new FindUnreadCountChanges(seq), UnreadCountChanges.class);
        for (UnreadCountChanges.Change change : changes.changes()) {
            sockets.sendTo(List.of(change.userId()),
                           push("notifications.dialogs.count", IntNode.valueOf(change.count()), seq), null);
        }
    }

    private Collection<Long> participants(long dialogId) {
        DialogSummary dialog = commands.query(new FindDialog(dialogId), DialogSummary.class);
        return dialog == null ? List.of() : dialog.participantIds();
    }

    private long visible(TrackingToken token) {
        long seq = token.position().orElseThrow();
        commands.awaitVisible(seq);
        return seq;
    }

    private String push(String event, JsonNode data, long seq) {
        return frame(event, data, seq).toString();
    }

    private ObjectNode frame(String event, JsonNode data, long seq) {
        ObjectNode frame = mapper.createObjectNode();
        frame.put("type", "ws_send");
        frame.put("event", event);
        frame.set("data", data);
        frame.put("seq", seq);
        return frame;
    }
}
