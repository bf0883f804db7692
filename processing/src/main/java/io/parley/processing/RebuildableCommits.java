package io.parley.processing;

import io.parley.eventstore.DatabaseProduct;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The transactions of the processors whose every write the event store can give again: the read
 * models ({@code projections}) and the email outbox ({@code dialog-email}). Each such transaction also
 * moves its processor's token, so a commit that a crash undoes takes the token back with it, and the
 * processor writes the same rows again from the stored events.
 *
 * <p>On PostgreSQL these transactions commit with {@code synchronous_commit} off (for that transaction
 * only): the commit is visible at once but does not wait for the write-ahead log to reach the disk.
 * Every post waits for the projections' commit (read-your-writes, and its push), so that wait was on
 * every message's path; the event store's own commits still wait for the disk, as they must.
 */
public final class RebuildableCommits implements TransactionManager {

    private final TransactionManager transactions;
    private final JdbcTemplate jdbc;
    private final DatabaseProduct database;

    /** This, or the plain transactions when {@code parley.read-model-commits-wait-for-disk} is set. */
    public static TransactionManager unlessWaitingForDisk(TransactionManager transactions, JdbcTemplate jdbc,
                                                          ProcessingProperties properties) {
        return properties.isReadModelCommitsWaitForDisk() ? transactions : new RebuildableCommits(transactions, jdbc);
    }

    public RebuildableCommits(TransactionManager transactions, JdbcTemplate jdbc) {
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.database = new DatabaseProduct(jdbc);
    }

    @Override
    public Transaction startTransaction() {
        Transaction transaction = transactions.startTransaction();
        if (database.isPostgres()) {
            try {
                jdbc.execute("set local synchronous_commit to off");
            } catch (RuntimeException e) {
                transaction.rollback();
                throw e;
            }
        }
        return transaction;
    }
}
