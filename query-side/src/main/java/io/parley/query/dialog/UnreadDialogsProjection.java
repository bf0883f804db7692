package io.parley.query.dialog;

import io.parley.api.dialog.CountUnreadDialogs;
import io.parley.api.dialog.DialogMessageDeleted;
import io.parley.api.dialog.DialogMessagePosted;
import io.parley.api.dialog.DialogMessageSeen;
import io.parley.api.dialog.FindUnreadCountChangesBetween;
import io.parley.api.dialog.UnreadCountChangesBetween;
import io.parley.query.Positions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Unread messages per participant, and the unread-dialogs count that follows from them. Every event
 * that changes someone's count records the new count at its position, so the push of
 * {@code notifications.dialogs.count} says exactly what that event changed.
 */
@Component
@ProcessingGroup("projections")
public class UnreadDialogsProjection {

    private final UnreadMessageRepository unread;
    private final UnreadCountChangeRepository changes;
    private final DialogMessageRepository messages;
    private final JdbcTemplate jdbc;

    public UnreadDialogsProjection(UnreadMessageRepository unread, UnreadCountChangeRepository changes,
                                   DialogMessageRepository messages, JdbcTemplate jdbc) {
        this.unread = unread;
        this.changes = changes;
        this.messages = messages;
        this.jdbc = jdbc;
    }

    /**
     * Every message ever posted passes here, so it goes straight to the database (in the processor's
     * transaction): through the entity manager, each lookup first made Hibernate check every entity of
     * the batch for changes, the larger part of a replay's time. No entity of this table is ever left
     * unflushed by the other handlers, so both ways see the same rows.
     */
    @EventHandler
    void on(DialogMessagePosted event, TrackingToken token) {
        long position = Positions.of(token);
        for (long user : event.participantIds()) {
            if (user == event.authorId()) {
                continue;
            }
            boolean hadUnread = Boolean.TRUE.equals(jdbc.queryForObject(
                    "select exists (select 1 from unread_message where user_id = ? and dialog_id = ?)", Boolean.class,
                    user, event.dialogId()));
            jdbc.update("insert into unread_message (user_id, dialog_id, message_id, position) values (?, ?, ?, ?)",
                        user, event.dialogId(), event.messageId(), position);
            if (!hadUnread) {
                recordCount(position, user);
            }
        }
    }

    @EventHandler
    void on(DialogMessageSeen event, TrackingToken token) {
        // The message's own position: reading it reads every earlier message from others too.
        messages.findById(event.messageId()).ifPresent(seen -> {
            boolean hadUnread = unread.existsByUserIdAndDialogId(event.readerId(), event.dialogId());
            unread.deleteUpTo(event.readerId(), event.dialogId(), seen.getPosition());
            if (hadUnread && !unread.existsByUserIdAndDialogId(event.readerId(), event.dialogId())) {
                recordCount(Positions.of(token), event.readerId());
            }
        });
    }

    @EventHandler
    void on(DialogMessageDeleted event, TrackingToken token) {
        for (UnreadMessageEntry entry : unread.findByMessageId(event.messageId())) {
            unread.delete(entry);
            unread.flush();
            if (!unread.existsByUserIdAndDialogId(entry.getUserId(), entry.getDialogId())) {
                recordCount(Positions.of(token), entry.getUserId());
            }
        }
    }

    /** The user's count as {@code countDialogs} tells it, in SQL so that nothing is flushed first. */
    private void recordCount(long position, long user) {
        jdbc.update("insert into unread_count_change (position, user_id, unread_dialogs) "
                            + "select ?, ?, count(distinct dialog_id) from unread_message where user_id = ?",
                    position, user, user);
    }

    @ResetHandler
    void reset() {
        changes.deleteAllInBatch();
        unread.deleteAllInBatch();
    }

    @QueryHandler
    public Integer handle(CountUnreadDialogs query) {
        return unread.countDialogs(query.userId());
    }

    @QueryHandler
    public UnreadCountChangesBetween handle(FindUnreadCountChangesBetween query) {
        return new UnreadCountChangesBetween(
                changes.findByPositionBetweenOrderByPosition(query.fromPosition(), query.toPosition()).stream()
                       .map(c -> new UnreadCountChangesBetween.Change(c.getPosition(), c.getUserId(),
                                                                      c.getUnreadDialogs()))
                       .toList());
    }
}
