package io.parley.command.dialog;

import io.parley.api.AggregateIds;
import io.parley.api.Limits;
import io.parley.api.Refusal;
import io.parley.api.dialog.DeleteDialogMessage;
import io.parley.api.dialog.DialogMessageDeleted;
import io.parley.api.dialog.DialogMessageEdited;
import io.parley.api.dialog.DialogMessagePosted;
import io.parley.api.dialog.DialogMessageSeen;
import io.parley.api.dialog.EditDialogMessage;
import io.parley.api.dialog.MarkDialogMessageSeen;
import io.parley.api.dialog.PostDialogMessage;
import io.parley.command.Clock;
import io.parley.command.Texts;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One dialog message: its stream is the message's whole history (posted, seen, edits, deletion). */
@Aggregate(commandTargetResolver = "commandTargets")
public class DialogMessage {

    @AggregateIdentifier
    private String id;
    private long messageId;
    private long dialogId;
    private long authorId;
    private List<Long> participants;
    private final Set<Long> seenBy = new HashSet<>();
    private String body;
    private boolean deleted;

    protected DialogMessage() {
        // for Axon
    }

    /** Started by {@link Dialog}, which has checked the author and the body. */
    DialogMessage(PostDialogMessage command, List<Long> participants) {
        // A file sent alone has the empty body.
        String body = command.body() == null ? "" : command.body();
        apply(new DialogMessagePosted(command.messageId(), command.dialogId(), command.authorId(), body,
                                      command.fileId(), participants, Clock.now()));
    }

    /** Answers whether the reader's mark is new: false when the message was seen before and nothing happened. */
    @CommandHandler
    public boolean handle(MarkDialogMessageSeen command) {
        requireVisibleTo(command.readerId());
        if (command.dialogId() != dialogId) {
            throw Refusal.notFound("message not found in this dialog");
        }
        if (command.readerId() == authorId) {
            throw Refusal.forbidden("the author cannot mark their own message seen");
        }
        if (seenBy.contains(command.readerId())) {
            return false; // seen before: nothing new happened
        }
        apply(new DialogMessageSeen(messageId, dialogId, command.readerId(), Clock.now()));
        return true;
    }

    /** Answers whether the body changed: false when it is the same and nothing happened. */
    @CommandHandler
    public boolean handle(EditDialogMessage command) {
        requireVisibleTo(command.editorId());
        if (command.editorId() != authorId) {
            throw Refusal.forbidden("only the author edits a message");
        }
        Texts.required("body", command.body(), Limits.DIALOG_BODY_MAX);
        if (command.body().equals(body)) {
            return false;
        }
        apply(new DialogMessageEdited(messageId, dialogId, command.editorId(), command.body(), Clock.now()));
        return true;
    }

    @CommandHandler
    public void handle(DeleteDialogMessage command) {
        requireVisibleTo(command.deleterId());
        if (command.deleterId() != authorId) {
            throw Refusal.forbidden("only the author deletes a message");
        }
        apply(new DialogMessageDeleted(messageId, dialogId, command.deleterId(), Clock.now()));
    }

    private void requireVisibleTo(long userId) {
        if (deleted || !participants.contains(userId)) {
            throw Refusal.notFound("message not found");
        }
    }

    @EventSourcingHandler
    void on(DialogMessagePosted event) {
        id = AggregateIds.dialogMessage(event.messageId());
        messageId = event.messageId();
        dialogId = event.dialogId();
        authorId = event.authorId();
        participants = List.copyOf(event.participantIds());
        body = event.body();
    }

    @EventSourcingHandler
    void on(DialogMessageSeen event) {
        seenBy.add(event.readerId());
    }

    @EventSourcingHandler
    void on(DialogMessageEdited event) {
        body = event.body();
    }

    @EventSourcingHandler
    void on(DialogMessageDeleted event) {
        deleted = true;
    }
}
