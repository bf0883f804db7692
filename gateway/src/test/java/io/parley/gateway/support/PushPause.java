package io.parley.gateway.support;

import io.parley.realtime.api.Push;
import io.parley.realtime.api.PushComposer;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.boot.test.context.TestComponent;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A composer that pushes nothing, and once armed holds the push stream's thread right after it has handed
 * a batch's pushes to the sockets, before the stream counts the batch as released: the moment a socket
 * that connects may have been passed by. Disarmed it costs nothing; every end-to-end test's context has it.
 */
@TestComponent
public class PushPause implements PushComposer {

    private volatile CountDownLatch paused;
    private volatile CountDownLatch release;

    /** The next batch handed out holds the stream until {@link #release()}. */
    public void arm() {
        paused = new CountDownLatch(1);
        release = new CountDownLatch(1);
    }

    /** Waits until the stream is held after a batch. */
    public void awaitPaused() throws InterruptedException {
        if (!paused.await(15, TimeUnit.SECONDS)) {
            throw new AssertionError("the push stream handed out no batch within 15 s");
        }
    }

    public void release() {
        CountDownLatch held = release;
        paused = null;
        release = null;
        if (held != null) {
            held.countDown();
        }
    }

    @Override
    public void delivered() {
        CountDownLatch reached = paused;
        CountDownLatch until = release;
        if (reached == null || until == null || reached.getCount() == 0) {
            return;
        }
        reached.countDown();
        try {
            until.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Set<Class<?>> pushedEvents() {
        return Set.of();
    }

    @Override
    public List<Push> compose(EventMessage<?> event, long position) {
        return List.of();
    }

    @Override
    public CatchUp catchUp(long userId, long fromPosition, long upTo) {
        return batch -> List.of();
    }
}
