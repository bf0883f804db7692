package io.parley.query.batching;

import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One kind of write a projection keeps back until its batch of events commits: the tables it writes, how
 * an empty batch of it starts and how the batch goes to the database. Made by {@link BatchingWriter}; a
 * handler adds to {@link #pending()}.
 */
public final class PendingWrites<T> {

    private final BatchingWriter writer;
    final Set<String> tables;
    final Supplier<T> create;
    final Consumer<T> write;

    PendingWrites(BatchingWriter writer, Set<String> tables, Supplier<T> create, Consumer<T> write) {
        this.writer = writer;
        this.tables = tables;
        this.create = create;
        this.write = write;
    }

    /** What the current batch of events has kept back so far; made on first use. */
    public T pending() {
        return writer.pending(this);
    }
}
