package io.parley.query;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Writes a projection keeps back until its batch of events commits. The projections processor handles
 * events in batches, each in one transaction: what many events of a batch write (a row per message, the
 * same row again and again) goes to the database as one statement batch, just before the commit.
 */
public final class BatchWrites {

    private BatchWrites() {
    }

    /**
     * This batch's pending writes under {@code key}: made by {@code create} on first use, handed to
     * {@code write} when the batch is about to commit (inside its transaction). Dropped with the batch
     * if it rolls back.
     */
    public static <T> T pending(String key, Supplier<T> create, Consumer<T> write) {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(key, k -> {
            T pending = create.get();
            batch.onPrepareCommit(u -> write.accept(pending));
            return pending;
        });
    }
}
