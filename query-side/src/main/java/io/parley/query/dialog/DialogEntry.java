package io.parley.query.dialog;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A {@code dialog_view} row, for reading: {@link DialogListProjection} writes them with plain SQL. */
@Entity
@Table(name = "dialog_view")
public class DialogEntry {

    @Id
    private long id;
    private Instant startedAt;
    private long lastActivityPosition;

    protected DialogEntry() {
    }

    public long getId() {
        return id;
    }
}
