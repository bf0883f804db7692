package io.parley.query.dialog;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;

@Entity
@Table(name = "dialog_participant")
@IdClass(DialogParticipantEntry.Key.class)
public class DialogParticipantEntry {

    @Id
    private long dialogId;
    @Id
    private long userId;

    protected DialogParticipantEntry() {
    }

    DialogParticipantEntry(long dialogId, long userId) {
        this.dialogId = dialogId;
        this.userId = userId;
    }

    public long getDialogId() {
        return dialogId;
    }

    public long getUserId() {
        return userId;
    }

    public record Key(long dialogId, long userId) implements Serializable {
        public Key() {
            this(0, 0);
        }
    }
}
