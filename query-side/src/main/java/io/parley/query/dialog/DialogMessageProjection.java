package io.parley.query.dialog;

import io.parley.api.dialog.DialogMessageDeleted;
import io.parley.api.dialog.DialogMessageEdited;
import io.parley.api.dialog.DialogMessageList;
import io.parley.api.dialog.DialogMessagePage;
import io.parley.api.dialog.DialogMessagePosted;
import io.parley.api.dialog.DialogMessageSeen;
import io.parley.api.dialog.DialogMessageView;
import io.parley.api.dialog.FindDialogMessage;
import io.parley.api.dialog.FindDialogMessages;
import io.parley.api.dialog.LoadDialogMessages;
import io.parley.query.batching.BatchingWriter;
import io.parley.query.batching.PendingWrites;
import io.parley.query.support.Micros;
import io.parley.query.support.Pages;
import io.parley.query.support.Positions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The dialog messages read model: bodies (with their HTML), read marks, edits and deletions. */
@Component
@ProcessingGroup("projections")
public class DialogMessageProjection {

    private static final List<String> COLUMNS = List.of("id", "dialog_id", "author_id", "body", "body_html",
                                                        "file_id", "created_at", "deleted", "position");

    private final DialogMessageRepository messages;
    private final DialogParticipantRepository participants;
    private final MarkdownRenderer markdown;
    private final DialogMessageViews views;
    private final PendingWrites<List<Object[]>> newMessages;

    public DialogMessageProjection(DialogMessageRepository messages, DialogParticipantRepository participants,
                                   MarkdownRenderer markdown, DialogMessageViews views, BatchingWriter writer) {
        this.messages = messages;
        this.participants = participants;
        this.markdown = markdown;
        this.views = views;
        this.newMessages = writer.newRows("dialog_message_view", COLUMNS);
    }

    /**
     * Every message passes here: its row waits in the batch and goes in with the batch's others (by COPY),
     * before the batch commits or something reads dialog_message_view.
     */
    @EventHandler
    void on(DialogMessagePosted event, TrackingToken token) {
        newMessages.pending().add(new Object[]{
                event.messageId(), event.dialogId(), event.authorId(), event.body(), markdown.render(event.body()),
                event.fileId(), OffsetDateTime.ofInstant(Micros.of(event.at()), ZoneOffset.UTC), false,
                Positions.of(token)});
    }

    @EventHandler
    void on(DialogMessageSeen event) {
        messages.findById(event.messageId()).ifPresent(
                seen -> messages.markRead(event.dialogId(), event.readerId(), seen.getPosition(), Micros.of(event.at())));
    }

    @EventHandler
    void on(DialogMessageEdited event) {
        messages.findById(event.messageId())
                .ifPresent(m -> m.edit(event.body(), markdown.render(event.body()), Micros.of(event.at())));
    }

    @EventHandler
    void on(DialogMessageDeleted event) {
        messages.findById(event.messageId()).ifPresent(DialogMessageEntry::delete);
    }

    @ResetHandler
    void reset() {
        messages.deleteAllInBatch();
    }

    @QueryHandler
    public DialogMessagePage handle(LoadDialogMessages query) {
        if (!participants.existsByDialogIdAndUserId(query.dialogId(), query.userId())) {
            return new DialogMessagePage(false, List.of(), 0);
        }
        // Pages count back from the newest message; inside a page, oldest first.
        Page<DialogMessageEntry> page = messages.findByDialogIdAndDeletedFalse(
                query.dialogId(), Pages.of(query.limit(), query.offset(), Sort.by(Sort.Direction.DESC, "position")));
        List<DialogMessageEntry> oldestFirst = new ArrayList<>(page.getContent());
        Collections.reverse(oldestFirst);
        return new DialogMessagePage(true, views.views(oldestFirst), page.getTotalElements());
    }

    @QueryHandler
    public DialogMessageView handle(FindDialogMessage query) {
        return views.find(query.messageId());
    }

    @QueryHandler
    public DialogMessageList handle(FindDialogMessages query) {
        // One query for the messages, one for their authors, one for their files.
        return new DialogMessageList(views.find(query.messageIds()));
    }
}
