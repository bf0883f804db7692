package io.parley.command.dialog;

import io.parley.api.AggregateIds;
import io.parley.api.Limits;
import io.parley.api.Refusal;
import io.parley.api.dialog.DialogStarted;
import io.parley.api.dialog.PostDialogMessage;
import io.parley.api.dialog.StartDialog;
import io.parley.command.Clock;
import io.parley.command.NonceClaims;
import io.parley.command.Texts;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A dialog knows only who takes part. Each message it accepts starts its own {@link DialogMessage}
 * stream, so the dialog's stream stays short however long the conversation gets.
 * <p>
 * Its one event never changes after the start, so a loaded dialog is kept in memory ({@code dialogCache})
 * and every post after the first reads nothing from the store, on any number of nodes.
 */
@Aggregate(snapshotTriggerDefinition = "dialogSnapshotTrigger", cache = "dialogCache",
           commandTargetResolver = "commandTargets")
public class Dialog {

    @AggregateIdentifier
    private String id;
    private long dialogId;
    private List<Long> participants;

    protected Dialog() {
        // for Axon
    }

    /** Started by an admin ({@link DialogStarts}) or by a user's first message to their reviewer. */
    public Dialog(StartDialog command) {
        apply(new DialogStarted(command.dialogId(), participants(command), command.startedBy(), Clock.now()));
    }

    /** The command's users, each once, in the given order; refused unless 2 to the most allowed. */
    static List<Long> participants(StartDialog command) {
        if (command.participantIds() == null || command.participantIds().stream().anyMatch(Objects::isNull)) {
            throw Refusal.badRequest("participants must be user ids");
        }
        List<Long> distinct = List.copyOf(new LinkedHashSet<>(command.participantIds()));
        if (distinct.size() < 2) {
            throw Refusal.badRequest("a dialog needs at least two different users");
        }
        if (distinct.size() > Limits.DIALOG_PARTICIPANTS_MAX) {
            throw Refusal.badRequest("a dialog has at most " + Limits.DIALOG_PARTICIPANTS_MAX + " users");
        }
        return distinct;
    }

    @CommandHandler
    public long handle(PostDialogMessage command, NonceClaims nonces) throws Exception {
        if (!participants.contains(command.authorId())) {
            // Outsiders learn nothing, not even that the dialog exists.
            throw Refusal.notFound("dialog not found");
        }
        boolean fileAlone = command.fileId() != null && (command.body() == null || command.body().isEmpty());
        if (!fileAlone) {
            // A file may come alone, but a body that is given must say something.
            Texts.required("body", command.body(), Limits.DIALOG_BODY_MAX);
        }
        if (command.nonce() != null) {
            Texts.required("nonce", command.nonce(), 100);
            Optional<Long> first = nonces.claim(command.authorId(), command.nonce(), command.messageId());
            if (first.isPresent()) {
                return first.get();
            }
        }
        AggregateLifecycle.createNew(DialogMessage.class, () -> new DialogMessage(command, participants));
        return command.messageId();
    }

    @EventSourcingHandler
    void on(DialogStarted event) {
        id = AggregateIds.dialog(event.dialogId());
        dialogId = event.dialogId();
        participants = List.copyOf(event.participantIds());
    }
}
