package io.parley.gateway.eventstore;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Axon's JDBC engine, read strictly in global-index order.
 * <p>
 * PostgreSQL hands out {@code global_index} at insert and transactions commit in any order, so index 12
 * can be readable while 11 is still being committed. Axon would deliver 12, then 11 later, with a token
 * whose position is 12 both times: a late event's position would be wrong wherever it is used (pushes,
 * read models, resume). So a read stops before the first missing index that is younger than
 * {@code holeTimeout}; the next read, woken by the commit, goes on from there. An index that stays
 * missing longer is a rolled-back insert (a hole), and reading goes past it.
 */
public class InOrderJdbcEventStorageEngine extends JdbcEventStorageEngine {

    private final Duration holeTimeout;

    public InOrderJdbcEventStorageEngine(JdbcEventStorageEngine.Builder builder, Duration holeTimeout) {
        super(builder);
        this.holeTimeout = holeTimeout;
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        List<? extends TrackedEventData<?>> batch = super.fetchTrackedEvents(lastToken, batchSize);
        long seen = lastToken == null ? -1 : ((GapAwareTrackingToken) lastToken).getIndex();
        Instant stillCommitting = GenericEventMessage.clock.instant().minus(holeTimeout);
        for (int i = 0; i < batch.size(); i++) {
            long index = ((GapAwareTrackingToken) batch.get(i).trackingToken()).getIndex();
            if (index <= seen) {
                continue; // fills a hole older than the timeout: rare, delivered as Axon does
            }
            if (seen >= 0 && index > seen + 1 && batch.get(i).getTimestamp().isAfter(stillCommitting)) {
                return batch.subList(0, i);
            }
            seen = index;
        }
        return batch;
    }
}
