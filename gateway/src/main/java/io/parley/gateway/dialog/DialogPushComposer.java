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
import io.parley.gateway.push.Push;
import io.parley.gateway.push.PushComposer;
import io.parley.gateway.push.PushStream;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The pushes of the dialogs API: the message (created, seen, edited, deleted) to the participants,
 * then {@code notifications.dialogs.count} to each participant whose count the event changed.
 */
@Component
public class DialogPushComposer implements PushComposer {

    private final Commands commands;
    private final DialogJson json;
    private final ObjectMapper mapper;

    public DialogPushComposer(Commands commands, DialogJson json, ObjectMapper mapper) {
        this.commands = commands;
        this.json = json;
        this.mapper = mapper;
    }

    @Override
    public List<Push> compose(EventMessage<?> event, long seq) {
        Object payload = event.getPayload();
        String origin = PushStream.originSocket(event);
        List<Push> pushes = new ArrayList<>();
        if (payload instanceof DialogMessagePosted posted) {
            message(posted.messageId()).ifPresent(m -> pushes.add(
                    new Push(posted.participantIds(), frame("dialogs.messages.create", json.message(m), seq).toString(),
                             seq, origin)));
            pushes.addAll(countChanges(seq));
        } else if (payload instanceof DialogMessageSeen seen) {
            message(seen.messageId()).ifPresent(m -> {
                ObjectNode frame = frame("dialogs.messages.seen", json.message(m), seq);
                frame.put("user", seen.readerId());
                pushes.add(new Push(participants(seen.dialogId()), frame.toString(), seq, origin));
            });
            pushes.addAll(countChanges(seq));
        } else if (payload instanceof DialogMessageEdited edited) {
            message(edited.messageId()).ifPresent(m -> pushes.add(
                    new Push(participants(edited.dialogId()),
                             frame("dialogs.messages.edit", json.message(m), seq).toString(), seq, origin)));
        } else if (payload instanceof DialogMessageDeleted deleted) {
            ObjectNode data = mapper.createObjectNode();
            data.put("id", deleted.messageId());
            data.put("dialog", deleted.dialogId());
            pushes.add(new Push(participants(deleted.dialogId()), frame("dialogs.messages.delete", data, seq).toString(),
                                seq, origin));
            pushes.addAll(countChanges(seq));
        }
        return pushes;
    }

    /** notifications.dialogs.count to every socket of each user whose count this event changed. */
    private List<Push> countChanges(long seq) {
        UnreadCountChanges changes = commands.query(new FindUnreadCountChanges(seq), UnreadCountChanges.class);
        return changes.changes().stream()
                      .map(c -> new Push(List.of(c.userId()),
                                         frame("notifications.dialogs.count", IntNode.valueOf(c.count()), seq).toString(),
                                         seq, null))
                      .toList();
    }

    private java.util.Optional<DialogMessageView> message(long messageId) {
        return java.util.Optional.ofNullable(commands.query(new FindDialogMessage(messageId), DialogMessageView.class));
    }

    private Collection<Long> participants(long dialogId) {
        DialogSummary dialog = commands.query(new FindDialog(dialogId), DialogSummary.class);
        return dialog == null ? List.of() : dialog.participantIds();
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
