package io.parley.query.dialog;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;

@Entity
@Table(name = "unread_count_change")
@IdClass(UnreadCountChangeEntry.Key.class)
public class UnreadCountChangeEntry {

    @Id
    private long position;
    @Id
    private long userId;
    private int unreadDialogs;

    protected UnreadCountChangeEntry() {
    }

    public long getPosition() {
        return position;
    }

    public long getUserId() {
        return userId;
    }

    public int getUnreadDialogs() {
        return unreadDialogs;
    }

    public record Key(long position, long userId) implements Serializable {
        public Key() {
            this(0, 0);
        }
    }
}
