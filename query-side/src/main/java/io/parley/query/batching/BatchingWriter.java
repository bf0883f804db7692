package io.parley.query.batching;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Writes the projections keep back until their batch of events commits. The projections processor handles
 * events in batches, each in one transaction: what many events of a batch write (a row per message, the
 * same row again and again) goes to the database as one statement batch, just before the commit.
 * <p>
 * Whatever reads a table in the batch sees what the batch wrote to it: before the entity manager loads
 * from or queries a table with writes pending, they are written ({@link WritePendingBeforeReads}). So a
 * projection handler states only what it writes.
 */
@Component
public class BatchingWriter {

    private static final String PENDING = BatchingWriter.class.getName() + ".pending";

    private final RowCopy copy;

    public BatchingWriter(RowCopy copy) {
        this.copy = copy;
    }

    /**
     * Writes to {@code tables} that each batch keeps back in a value made by {@code create}, handed to
     * {@code write} before the batch commits (inside its transaction) or before something reads one of the
     * tables. Dropped with the batch if it rolls back.
     */
    public <T> PendingWrites<T> pendingWrites(Set<String> tables, Supplier<T> create, Consumer<T> write) {
        return new PendingWrites<>(this, Set.copyOf(tables), create, write);
    }

    /** New rows of one table, kept back and copied in all at once ({@link RowCopy}). */
    public PendingWrites<List<Object[]>> newRows(String table, List<String> columns) {
        return pendingWrites(Set.of(table), ArrayList::new, rows -> copy.insert(table, columns, rows));
    }

    @SuppressWarnings("unchecked")
    <T> T pending(PendingWrites<T> writes) {
        return (T) batchPending(true).computeIfAbsent(writes, w -> w.create.get());
    }

    /**
     * Writes what the current batch keeps back for any of the tables (for all if the set is empty: a reader
     * that does not say what it reads).
     */
    void writePending(Collection<String> tables) {
        Map<PendingWrites<?>, Object> pending = batchPending(false);
        if (pending == null || pending.isEmpty()) {
            return;
        }
        List<Map.Entry<PendingWrites<?>, Object>> due = new ArrayList<>();
        for (Iterator<Map.Entry<PendingWrites<?>, Object>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<PendingWrites<?>, Object> entry = it.next();
            if (tables.isEmpty() || tables.stream().anyMatch(entry.getKey().tables::contains)) {
                due.add(entry);
                it.remove(); // the next write to these tables starts a new value
            }
        }
        due.forEach(BatchingWriter::write);
    }

    private void writeAll(Map<PendingWrites<?>, Object> pending) {
        List<Map.Entry<PendingWrites<?>, Object>> due = new ArrayList<>(pending.entrySet());
        pending.clear();
        due.forEach(BatchingWriter::write);
    }

    @SuppressWarnings("unchecked")
    private static <T> void write(Map.Entry<PendingWrites<?>, Object> entry) {
        ((PendingWrites<T>) entry.getKey()).write.accept((T) entry.getValue());
    }

    /** The batch's pending writes, in the order they were first made; null outside a batch unless made. */
    private Map<PendingWrites<?>, Object> batchPending(boolean make) {
        if (!CurrentUnitOfWork.isStarted()) {
            if (make) {
                throw new IllegalStateException("pending writes belong to a batch of events: no unit of work");
            }
            return null;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        if (!make) {
            return batch.getResource(PENDING);
        }
        return batch.getOrComputeResource(PENDING, key -> {
            Map<PendingWrites<?>, Object> pending = new LinkedHashMap<>();
            batch.onPrepareCommit(u -> writeAll(pending));
            return pending;
        });
    }
}
