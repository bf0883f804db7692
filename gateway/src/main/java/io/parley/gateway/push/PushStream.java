package io.parley.gateway.push;

import io.parley.gateway.ApiError;
import io.parley.gateway.Commands;
import io.parley.gateway.GatewayConfiguration;
import io.parley.gateway.eventstore.StreamHead;
import io.parley.gateway.socket.SocketRegistry;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * This node's pushes, from the event stream, in global-position order: the store is read strictly in
 * that order (see {@code InOrderJdbcEventStorageEngine}), so {@code seq} only ever increases on a
 * socket. {@link #released()} is the high-water mark: every push up to it has gone out (or is held by
 * a socket that is catching up), and a resume reads the store up to it.
 */
@Component
public class PushStream implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PushStream.class);

    private final EventStore eventStore;
    private final StreamHead head;
    private final List<PushComposer> composers;
    private final SocketRegistry sockets;
    private final Commands commands;
    private volatile long released;
    private volatile boolean running;
    private Thread thread;

    public PushStream(EventStore eventStore, StreamHead head, List<PushComposer> composers, SocketRegistry sockets,
                      Commands commands) {
        this.eventStore = eventStore;
        this.head = head;
        this.composers = composers;
        this.sockets = sockets;
        this.commands = commands;
    }

    /** Every push of every event up to this position has been sent (or held for a resuming socket). */
    public long released() {
        return released;
    }

    /** The pushes of one event, as live delivery computes them (resume replays them through here). */
    public List<Push> compose(EventMessage<?> event, long seq) {
        List<Push> pushes = new ArrayList<>();
        for (PushComposer composer : composers) {
            pushes.addAll(composer.compose(event, seq));
        }
        return pushes;
    }

    @Override
    public void start() {
        released = head.position();
        running = true;
        thread = new Thread(this::run, "parley-push-stream");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // After Axon's processors have started, before the web server takes connections.
        return Integer.MAX_VALUE / 2;
    }

    private void run() {
        while (running) {
            try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(
                    GapAwareTrackingToken.newInstance(released, Collections.emptySortedSet()))) {
                while (running) {
                    if (stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)) {
                        TrackedEventMessage<?> event = stream.nextAvailable();
                        long seq = event.trackingToken().position().orElseThrow();
                        if (seq > released) {
                            deliver(event, seq);
                            released = seq;
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("push stream interrupted, reopening at {}: {}", released, e.toString());
            }
        }
    }

    private void deliver(TrackedEventMessage<?> event, long seq) throws InterruptedException {
        // The pushes read the read models, so they wait until those have the event. During a replay
        // that can take a while; a push is late then, never lost.
        while (running) {
            try {
                commands.awaitVisible(seq);
                break;
            } catch (ApiError stillBehind) {
                log.info("pushes wait for the read models to reach position {}", seq);
            }
        }
        try {
            for (Push push : compose(event, seq)) {
                sockets.deliver(push);
            }
        } catch (RuntimeException e) {
            log.error("pushes of the event at {} ({}) failed", seq, event.getPayloadType().getSimpleName(), e);
        }
    }

    /** The socket a command came from, as it rides on the command's events. */
    public static String originSocket(EventMessage<?> event) {
        Object origin = event.getMetaData().get(GatewayConfiguration.ORIGIN_SOCKET);
        return origin == null ? null : origin.toString();
    }
}
