package io.parley.query.dialog;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "dialog_view")
public class DialogEntry {

    @Id
    private long id;
    private Instant startedAt;
    private long lastActivityPosition;

    protected DialogEntry() {
    }

    DialogEntry(long id, Instant startedAt, long position) {
        this.id = id;
        this.startedAt = startedAt;
        this.lastActivityPosition = position;
    }

    void activityAt(long position) {
        lastActivityPosition = Math.max(lastActivityPosition, position);
    }

    public long getId() {
        return id;
    }
}
