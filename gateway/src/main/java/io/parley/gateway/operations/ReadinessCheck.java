package io.parley.gateway.operations;

import io.parley.eventstore.StreamHead;
import io.parley.realtime.push.PushStream;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code parley} health component, part of readiness (application.yml): the database answers within
 * {@link #DATABASE_BOUND_SECONDS}, and the push stream is at the store's head. Under load the head moves
 * on while the stream pushes, so "at the head" means it has reached the head seen at the previous look:
 * a stream that keeps up passes, one that is stuck (waiting on the database, or on the read models during
 * a replay) does not. Flyway's migrations ran before readiness can be reached at all (they run while the
 * application starts; readiness state turns to accepting traffic only once it has started).
 */
@Component("parley")
public class ReadinessCheck implements HealthIndicator {

    /** A probe answers within this even when the database does not. */
    static final long DATABASE_BOUND_SECONDS = 2;

    private final JdbcTemplate jdbc;
    private final StreamHead head;
    /** Null in a process without the gateway role (parley.roles): it is ready once its database answers. */
    private final PushStream pushes;
    /** The head at the previous look; the stream must reach it. */
    private final AtomicLong previousHead = new AtomicLong(Long.MAX_VALUE);
    /** One look at the database at a time: a look stuck on a dead connection is not joined by more threads. */
    private final ExecutorService looker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "parley-readiness");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Future<Long> lookUnderWay;

    /** Axon Server's connection, in that mode: ready once it is up with every handler subscribed again. */
    private final AxonServerConnectionManager axonServer;

    public ReadinessCheck(JdbcTemplate jdbc, StreamHead head, ObjectProvider<PushStream> pushes,
                          ObjectProvider<AxonServerConnectionManager> axonServer) {
        this.jdbc = jdbc;
        this.head = head;
        this.pushes = pushes.getIfAvailable();
        this.axonServer = axonServer.getIfAvailable();
    }

    @Override
    public Health health() {
        long storeHead;
        try {
            storeHead = lookAtDatabase().get(DATABASE_BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return Health.down().withDetail("database", "no answer within " + DATABASE_BOUND_SECONDS + " s").build();
        } catch (ExecutionException e) {
            return Health.down().withDetail("database", "unreachable: " + e.getCause().getMessage()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down().withDetail("database", "interrupted").build();
        }
        if (axonServer != null && !axonServer.getConnection().isReady()) {
            // The store answered, but commands and queries are routed through a connection still coming back.
            return Health.down().withDetail("database", "up").withDetail("axon_server", "connecting").build();
        }
        if (pushes == null) {
            return Health.up().withDetail("database", "up").withDetail("store_head", storeHead).build();
        }
        long released = pushes.released();
        long mustReach = Math.min(storeHead, previousHead.getAndSet(storeHead));
        Health.Builder health = released >= mustReach ? Health.up() : Health.down();
        return health.withDetail("database", "up").withDetail("store_head", storeHead)
                     .withDetail("pushed_up_to", released).build();
    }

    private synchronized Future<Long> lookAtDatabase() {
        Future<Long> look = lookUnderWay;
        if (look == null || look.isDone()) {
            look = looker.submit(() -> {
                jdbc.queryForObject("select 1", Integer.class);
                try {
                    return head.position();
                } catch (RuntimeException e) {
                    // The database answered: it is the event store (Axon Server in that mode) that did not.
                    throw new IllegalStateException("the event store does not answer: " + e.getMessage(), e);
                }
            });
            lookUnderWay = look;
        }
        return look;
    }
}
