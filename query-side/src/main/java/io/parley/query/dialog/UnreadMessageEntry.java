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
public class UnreadMessageEntry {

    @Id
    private long userId;
    @Id
    private long dialogId;
    @Id
    private long messageId;
    private long position;

    protected UnreadMessageEntry() {
    }

    public long getUserId() {
        return userId;
    }

    public long getDialogId() {
        return dialogId;
    }

    public record Key(long userId, long dialogId, long messageId) implements Serializable {
        public Key() {
            this(0, 0, 0);
        }
    }
}
