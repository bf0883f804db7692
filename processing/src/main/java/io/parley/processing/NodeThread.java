package io.parley.processing;

import org.springframework.context.SmartLifecycle;

/**
 * A loop of this node on a daemon thread of its own, started once Axon's processors run and before the
 * web server takes requests, stopped after the web server (interrupted, unless it finishes what it holds,
 * then joined for up to 5 s).
 */
public abstract class NodeThread implements SmartLifecycle {

    private final String name;
    private volatile boolean running;
    private Thread thread;

    protected NodeThread(String name) {
        this.name = name;
    }

    /** The loop: runs until {@link #running()} turns false or the thread is interrupted. */
    protected abstract void loop();

    /** What must hold before the loop starts. */
    protected void beforeStart() {
    }

    protected boolean running() {
        return running;
    }

    /**
     * Whether a stop interrupts the loop. A loop that must not be cut off in the middle of its work (an
     * interrupt fails whatever waits on a lock or the database then) answers false and looks at
     * {@link #running()} often instead.
     */
    protected boolean interruptedToStop() {
        return true;
    }

    @Override
    public void start() {
        beforeStart();
        running = true;
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            if (interruptedToStop()) {
                thread.interrupt();
            }
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

    /**
     * Between Axon (its configuration starts and stops at {@code Integer.MAX_VALUE - 3072}) and the web server
     * ({@code - 2048}): started after Axon's handlers and processors, before connections are taken; stopped
     * once the sockets are closed, before Axon unsubscribes the query handlers a loop still calls.
     */
    static final int PHASE = Integer.MAX_VALUE - 2560;

    @Override
    public int getPhase() {
        return PHASE;
    }
}
