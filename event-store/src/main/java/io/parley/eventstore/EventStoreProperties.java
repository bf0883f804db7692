package io.parley.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** {@code parley.event-store.*}: how the store is read. */
@ConfigurationProperties("parley.event-store")
public class EventStoreProperties {

    /** Events read per query by the streaming processors. */
    private int batchSize = 5_000;
    /** How long Axon keeps a hole of the global index in its tokens. */
    private Duration gapTimeout = Duration.ofSeconds(60);
    /**
     * On the embedded database: how long readers wait at a missing global index for its transaction to
     * commit, before they take it for a rolled-back insert and read past it. On PostgreSQL a missing
     * index is passed only once its transaction has ended ({@code Holes.TransactionHoles}).
     */
    private Duration holeTimeout = Duration.ofSeconds(2);
    /** How long the store's reader waits before reading again when nothing woke it. */
    private Duration fetchDelay = Duration.ofMillis(1000);
    /**
     * The newest events the store keeps in memory for the readers at the head of the stream; a reader
     * further behind reads the database until it has caught up. Axon keeps 10,000; every young
     * collection copies the whole cache, so Parley keeps fewer (docs/benchmarks/round-07.md).
     */
    private int cachedEvents = 2_000;

    public int getCachedEvents() {
        return cachedEvents;
    }

    public void setCachedEvents(int cachedEvents) {
        this.cachedEvents = cachedEvents;
    }

    public Duration getFetchDelay() {
        return fetchDelay;
    }

    public void setFetchDelay(Duration fetchDelay) {
        this.fetchDelay = fetchDelay;
    }

    public Duration getHoleTimeout() {
        return holeTimeout;
    }

    public void setHoleTimeout(Duration holeTimeout) {
        this.holeTimeout = holeTimeout;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public Duration getGapTimeout() {
        return gapTimeout;
    }

    public void setGapTimeout(Duration gapTimeout) {
        this.gapTimeout = gapTimeout;
    }
}
