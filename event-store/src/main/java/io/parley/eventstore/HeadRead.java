package io.parley.eventstore;

import org.axonframework.eventhandling.TrackingToken;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the store's reader already knows about its head, so that it does not ask the database again for
 * nothing. Axon's reader reads again at once after every read that found events, twice (its stream reads
 * until a batch comes back empty, then its loop reads once more), and only then waits to be woken: on a
 * node that commits one message at a time those empty reads were most of the store's statements.
 * <p>
 * A read from a position returns every event committed after it, up to its batch size (the engine reads
 * rows, not a range of indexes). So when a read came back short of its batch and stopped at no missing
 * index, nothing beyond its last event was committed when it ran. Anything committed later is a commit
 * this node made or heard of ({@link WakeableEventStore} counts both, before it wakes the reader). So while
 * that count is where it stood before the read, a read from the read's last position would find nothing,
 * and is answered so without a query. Only the reads right after it are: one later than half the fetch
 * delay (the reader's timed look, the floor for a notification that never came) always asks the database.
 */
final class HeadRead {

    private final AtomicLong commitsHeard = new AtomicLong();
    private final long freshNanos;
    private volatile Known known;

    /** {@code fetchDelay}: how long the store's reader waits when nothing woke it. */
    HeadRead(Duration fetchDelay) {
        this.freshNanos = fetchDelay.toNanos() / 2;
    }

    /** A read that reached the head ended at {@code last}; {@code heard}: the count before it began. */
    private record Known(TrackingToken last, long heard, long at) {
    }

    /** A commit was made here or heard of from another node: called before the reader is woken. */
    void commitHeard() {
        commitsHeard.incrementAndGet();
    }

    /** Taken before a read; goes with it to {@link #reachedHead}. */
    long beforeRead() {
        return commitsHeard.get();
    }

    /** A read begun when the count stood at {@code heard} found every event committed after it, up to {@code last}. */
    void reachedHead(TrackingToken last, long heard) {
        known = new Known(last, heard, System.nanoTime());
    }

    /** Whether a read from {@code from} now is known to find nothing. */
    boolean nothingAfter(TrackingToken from) {
        Known k = known;
        return k != null && k.heard == commitsHeard.get() && System.nanoTime() - k.at < freshNanos
               && k.last.equals(from);
    }
}
