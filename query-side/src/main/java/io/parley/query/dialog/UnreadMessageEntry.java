package io.parley.query.dialog;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;

/** A message from someone else that this participant has not read yet. */
@Entity
@Table(name = "unread_message")
@IdClass(UnreadMessageEntry.Key.class)
public class UnreadMessageEntry extends io.parley.query.InsertedRow<UnreadMessageEntry.Key> {

    @Id
    private long userId;
    @Id
    private long dialogId;
    @Id
    private long messageId;
    private long position;

    protected UnreadMessageEntry() {
    }

    UnreadMessageEntry(long userId, long dialogId, long messageId, long position) {
        this.userId = userId;
        this.dialogId = dialogId;
        this.messageId = messageId;
        this.position = position;
    }

    public long getUserId() {
        return userId;
    }

    public long getDialogId() {
        return dialogId;
    }

    @Override
    public Key getId() {
        return new Key(userId, dialogId, messageId);
    }

    public record Key(long userId, long dialogId, long messageId) implements Serializable {
        public Key() {
            this(0, 0, 0);
        }
    }
}
