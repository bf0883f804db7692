package io.parley.eventstore;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * When a reader of the store may pass a missing global index. An index is missing while the transaction
 * that took it has not committed; if that transaction rolled back, it stays missing for good: a hole. A
 * reader that passed an index still committing would deliver that event late, below positions it has
 * already handed out, and a client resuming from those would never get it.
 */
interface Holes {

    /** Called before each read of the store; what it returns goes with that read to {@link #mayPass}. */
    long beforeRead();

    /**
     * Whether every index from {@code first} to {@code last} (missing from the read that {@code read}
     * stands for) is a hole; the event after them was written at {@code nextWritten}.
     */
    boolean mayPass(long first, long last, Instant nextWritten, long read);

    /** An index was read: if it was being watched as missing, it is no hole. */
    default void present(long index) {
    }

    /** On PostgreSQL {@link TransactionHoles}; elsewhere (the embedded database) {@link TimedHoles}. */
    static Holes of(JdbcTemplate jdbc, Duration holeTimeout) {
        return new DatabaseProduct(jdbc).isPostgres() ? new TransactionHoles(jdbc) : new TimedHoles(holeTimeout);
    }

    /**
     * A missing index is a hole once the event after it is older than the timeout. Only for one node on
     * the embedded database, whose appends all run in this process: a guess, since an event's time is when
     * its command made it, not when its transaction took the index.
     */
    record TimedHoles(Duration timeout) implements Holes {

        @Override
        public long beforeRead() {
            return 0;
        }

        @Override
        public boolean mayPass(long first, long last, Instant nextWritten, long read) {
            return !nextWritten.isAfter(Instant.now().minus(timeout));
        }
    }

    /**
     * Exact, from PostgreSQL's transaction ids. An appending transaction has its id before it takes an
     * index (V25's default for the index). So when index m is missing while a later index n is committed,
     * the transaction holding m took m before n was taken, and had its id before the read that saw n
     * committed: its id is below the {@code xmax} of any snapshot taken after that read. Once a later
     * snapshot's {@code xmin} (the oldest transaction still running) has reached that {@code xmax}, the
     * holder has ended; if a read after that still misses m, m was rolled back and never comes.
     * <p>
     * Most missing indexes are commits a few milliseconds behind and fill on their own; only one missing
     * for longer than {@link #WATCH_AFTER_NANOS} costs a look at the snapshot (one query per read while
     * any is being watched).
     */
    final class TransactionHoles implements Holes {

        private static final long WATCH_AFTER_NANOS = 50_000_000L;
        private static final int KEPT = 100_000;

        private final JdbcTemplate jdbc;
        /** Missing indexes not yet known to be holes: when first missed, and the xmax to wait for (or -1). */
        private final TreeMap<Long, long[]> watched = new TreeMap<>();
        /**
         * Indexes whose holder has ended, with the count of settlings when it was found: a read begun
         * before that may still have missed a commit, so only a read begun after it may pass the index.
         */
        private final TreeMap<Long, Long> holes = new TreeMap<>();
        private long settlings;
        private volatile boolean watching;

        TransactionHoles(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public long beforeRead() {
            synchronized (this) {
                if (watched.isEmpty()) {
                    return settlings;
                }
                long now = System.nanoTime();
                boolean due = watched.values().stream()
                                     .anyMatch(w -> w[1] >= 0 || now - w[0] >= WATCH_AFTER_NANOS);
                if (!due) {
                    return settlings;
                }
            }
            // Both ends of one snapshot, taken before the read that follows (read committed: a later statement)
            long[] snapshot = jdbc.queryForObject(
                    "select pg_snapshot_xmin(s)::text::bigint, pg_snapshot_xmax(s)::text::bigint "
                    + "from pg_current_snapshot() s",
                    (row, i) -> new long[]{row.getLong(1), row.getLong(2)});
            long xmin = snapshot[0];
            long xmax = snapshot[1];
            long now = System.nanoTime();
            synchronized (this) {
                settlings++;
                var entries = watched.entrySet().iterator();
                while (entries.hasNext()) {
                    var entry = entries.next();
                    long[] watch = entry.getValue();
                    if (watch[1] >= 0 && xmin >= watch[1]) {
                        holes.put(entry.getKey(), settlings); // holder ended: a read from now that misses it, passes it
                        entries.remove();
                        watching = !watched.isEmpty();
                    } else if (watch[1] < 0 && now - watch[0] >= WATCH_AFTER_NANOS) {
                        watch[1] = xmax;
                    }
                }
                while (holes.size() > KEPT) {
                    holes.pollFirstEntry();
                }
                return settlings;
            }
        }

        @Override
        public synchronized boolean mayPass(long first, long last, Instant nextWritten, long read) {
            boolean all = true;
            for (long index = first; index <= last; index++) {
                Long settled = holes.get(index);
                if (settled == null || settled > read) {
                    all = false;
                    watched.computeIfAbsent(index, i -> new long[]{System.nanoTime(), -1});
                }
            }
            while (watched.size() > KEPT) {
                watched.pollFirstEntry();
            }
            watching = !watched.isEmpty();
            return all;
        }

        /** Called for every event read: no lock unless something is watched (rarely). */
        @Override
        public void present(long index) {
            if (watching) {
                synchronized (this) {
                    watched.remove(index);
                    watching = !watched.isEmpty();
                }
            }
        }
    }
}
