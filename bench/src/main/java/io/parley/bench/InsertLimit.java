package io.parley.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Figure 6: the machine's own limit. Single-row inserts, each its own transaction, from 16 JDBC
 * connections into the PostgreSQL server Parley uses: every message Parley stores costs at least
 * one such commit, so this bounds what any design on this machine can do.
 */
final class InsertLimit {

    record Result(int connections, double seconds, long rows, double perSecond) {
    }

    private InsertLimit() {
    }

    static Result run(Database database, int connections, Duration duration) {
        database.execute("CREATE TABLE bench_insert (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                                 + "payload BYTEA NOT NULL, created TIMESTAMPTZ NOT NULL DEFAULT now())");
        byte[] payload = new byte[300];
        AtomicLong rows = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            Thread thread = new Thread(() -> {
                try (Connection c = database.connect();
                     PreparedStatement insert = c.prepareStatement("INSERT INTO bench_insert (payload) VALUES (?)")) {
                    c.setAutoCommit(true);
                    while (System.nanoTime() < deadline) {
                        insert.setBytes(1, payload);
                        insert.executeUpdate();
                        rows.incrementAndGet();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, "bench-insert-" + i);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long stored = database.count("SELECT count(*) FROM bench_insert");
        database.execute("DROP TABLE bench_insert");
        if (stored != rows.get()) {
            throw new IllegalStateException("counted " + rows.get() + " inserts but " + stored + " rows are stored");
        }
        return new Result(connections, seconds, stored, stored / seconds);
    }
}
