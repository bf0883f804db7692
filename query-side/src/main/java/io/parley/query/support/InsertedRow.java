package io.parley.query.support;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;

/**
 * A read-model row whose id comes from the event (not from the database). Without this, Spring Data
 * cannot tell a new row from a stored one and looks every new row up before inserting it: one SELECT
 * per row, on the projections' single thread that every write waits for. A row made by its projection's
 * constructor is new; one loaded or already persisted is not.
 */
@MappedSuperclass
public abstract class InsertedRow<ID> implements Persistable<ID> {

    @Transient
    private boolean fresh = true;

    @Override
    public boolean isNew() {
        return fresh;
    }

    @PostLoad
    @PostPersist
    void stored() {
        fresh = false;
    }
}
