package io.parley.gateway.operations;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.parley.eventstore.DatabaseProduct;
import io.parley.eventstore.StorePositions;
import io.parley.eventstore.StreamHead;
import io.parley.realtime.push.PushStream;
import io.parley.realtime.socket.SocketRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The node's state as metrics (names under {@code parley.*}; Prometheus writes dots as underscores):
 * open sockets, pushes sent, the push stream's lag behind the store's head, each event processor's
 * position, lag and owner node (from {@code token_entry}, so a node sees the processors other nodes run),
 * and the email outbox's queue and dead letters. What needs the database is read once a second by a thread
 * of its own, so a scrape never waits on the database, and a database that does not answer leaves the
 * last figures in place (readiness tells that it is gone).
 */
@Component
public class OperationsMetrics {

    private static final Logger log = LoggerFactory.getLogger(OperationsMetrics.class);
    private static final long REFRESH_MILLIS = 1000;

    /** One stored token: a processor's segment, how far it is, and which node holds it ("" for none). */
    record ProcessorSegment(String processor, int segment, long position, String owner) {
    }

    /** What was read from the database at the last refresh. */
    record Snapshot(long head, List<ProcessorSegment> segments, long emailsQueued, long emailsDead) {
    }

    private final JdbcTemplate jdbc;
    private final DatabaseProduct database;
    private final TransactionTemplate transactions;
    private final StreamHead head;
    /** Null in a process without the gateway role (parley.roles): no sockets, no pushes. */
    private final PushStream pushes;
    private final MultiGauge processorPosition;
    private final MultiGauge processorLag;
    private final MultiGauge processorOwner;
    private final ObjectMapper mapper = new ObjectMapper();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "parley-metrics");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Snapshot last = new Snapshot(-1, List.of(), -1, -1);

    public OperationsMetrics(MeterRegistry registry, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                             StreamHead head, ObjectProvider<PushStream> pushes, ObjectProvider<SocketRegistry> sockets) {
        this.jdbc = jdbc;
        this.database = new DatabaseProduct(jdbc);
        this.transactions = new TransactionTemplate(transactions);
        this.head = head;
        this.pushes = pushes.getIfAvailable();
        SocketRegistry registered = sockets.getIfAvailable();
        if (registered != null) {
            Gauge.builder("parley.sockets.open", registered, SocketRegistry::openCount)
                 .description("websockets open on this node").register(registry);
            FunctionCounter.builder("parley.pushes", registered, SocketRegistry::pushesSent)
                           .description("live pushes sent to sockets by this node (one per socket reached)")
                           .register(registry);
        }
        if (this.pushes != null) {
            Gauge.builder("parley.push.lag", this, OperationsMetrics::pushLag).baseUnit("events")
                 .description("events in the store that this node's push stream has not pushed yet").register(registry);
        }
        Gauge.builder("parley.store.head", this, metrics -> unknownIfNegative(metrics.last.head()))
             .description("global position of the newest stored event").register(registry);
        Gauge.builder("parley.email.queue", this, metrics -> unknownIfNegative(metrics.last.emailsQueued()))
             .description("notification emails waiting to be sent or being sent (all nodes)").register(registry);
        Gauge.builder("parley.email.dead", this, metrics -> unknownIfNegative(metrics.last.emailsDead()))
             .description("notification emails given up on: dead letters an admin may retry").register(registry);
        processorPosition = MultiGauge.builder("parley.processor.position")
                                      .description("global position an event processor's segment has handled")
                                      .register(registry);
        processorLag = MultiGauge.builder("parley.processor.lag").baseUnit("events")
                                 .description("events stored after an event processor's segment position")
                                 .register(registry);
        processorOwner = MultiGauge.builder("parley.processor.owner")
                                   .description("1 for the node (owner tag, Axon's node id) holding a processor's "
                                                + "segment; owner \"none\" while no node holds it")
                                   .register(registry);
    }

    @PostConstruct
    void start() {
        refresher.scheduleWithFixedDelay(this::refresh, 0, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        refresher.shutdownNow();
    }

    private double pushLag() {
        long storeHead = last.head();
        return storeHead < 0 ? Double.NaN : Math.max(0, storeHead - pushes.released());
    }

    private static double unknownIfNegative(long value) {
        return value < 0 ? Double.NaN : value;
    }

    void refresh() {
        Snapshot snapshot;
        try {
            snapshot = read();
        } catch (RuntimeException e) {
            log.debug("metrics not refreshed: {}", e.toString());
            return;
        }
        last = snapshot;
        List<MultiGauge.Row<?>> positions = new ArrayList<>();
        List<MultiGauge.Row<?>> lags = new ArrayList<>();
        List<MultiGauge.Row<?>> owners = new ArrayList<>();
        for (ProcessorSegment segment : snapshot.segments()) {
            Tags tags = Tags.of("processor", segment.processor(), "segment", String.valueOf(segment.segment()));
            positions.add(MultiGauge.Row.of(tags, segment.position()));
            lags.add(MultiGauge.Row.of(tags, Math.max(0, snapshot.head() - segment.position())));
            owners.add(MultiGauge.Row.of(tags.and("owner", segment.owner().isEmpty() ? "none" : segment.owner()), 1));
        }
        processorPosition.register(positions, true);
        processorLag.register(lags, true);
        processorOwner.register(owners, true);
    }

    private Snapshot read() {
        long storeHead = head.position();
        List<ProcessorSegment> segments = jdbc.query(
                "select processor_name, segment, token, owner from token_entry order by processor_name, segment",
                (row, i) -> new ProcessorSegment(row.getString(1), row.getInt(2), position(row.getBytes(3)),
                                                 row.getString(4) == null ? "" : row.getString(4)));
        Map<String, Object> counts = emailCounts();
        long queued = ((Number) counts.get("pending")).longValue() + ((Number) counts.get("sending")).longValue();
        long dead = ((Number) counts.get("dead")).longValue();
        return new Snapshot(storeHead, segments, queued, dead);
    }

    /**
     * One count per status, each matching its partial index (PostgreSQL's V5): the outbox keeps every mail
     * ever sent, and a count over "status in (...)" read all of them, every second, on every node. On
     * PostgreSQL the counts are index scans: a bitmap scan, which PostgreSQL picks while the outbox has no
     * statistics (autovacuum off), visits every old version of a mail's row each time (38 ms a refresh at
     * 100,000 mails on the benchmark's machine), where an index scan marks them dead once and skips them.
     */
    private Map<String, Object> emailCounts() {
        String counts = "select (select count(*) from email_outbox where status = 'pending') as pending, "
                        + "(select count(*) from email_outbox where status = 'sending') as sending, "
                        + "(select count(*) from email_outbox where status = 'dead') as dead";
        if (!database.isPostgres()) {
            return jdbc.queryForMap(counts);
        }
        return transactions.execute(status -> {
            jdbc.execute("set local enable_bitmapscan to off");
            return jdbc.queryForMap(counts);
        });
    }

    /**
     * The position of a stored token, as the JSON the token store keeps ({@link StorePositions#ofStored}). -1 for
     * none (a segment that has handled nothing).
     */
    long position(byte[] token) {
        if (token == null) {
            return -1;
        }
        try {
            return StorePositions.ofStored(mapper.readTree(token));
        } catch (IOException e) {
            return -1;
        }
    }
}
