package io.parley.gateway.eventstore;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Nodes on one PostgreSQL wake each other's store readers at once, with {@code LISTEN/NOTIFY}, instead of
 * each finding another node's events at its next fetch ({@code parley.event-store.fetch-delay}).
 * <p>
 * After each local commit a notifier thread sends {@code NOTIFY parley_store} on a connection of its own,
 * outside the appending transaction (which thus takes no lock on PostgreSQL's notification queue);
 * commits that come while it is sending, or in the 2 ms it then rests, are told by its next one. A listener thread on another
 * connection wakes this node's reader on every notification but its own node's. Either connection, if
 * lost, is opened again a second later; the listener then wakes the reader once, for what it may have
 * missed. The fetch delay stays as the floor when nothing is heard.
 * <p>
 * The node that runs the read models also tells when they moved on (payload {@code read-models}): the
 * other nodes' read-your-writes and pushes wait for the read models, and would otherwise find out only
 * by looking at the stored token now and then ({@link ProjectionProgress}).
 */
public class CommitNotifications implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CommitNotifications.class);
    private static final String CHANNEL = "parley_store";
    private static final String STORE = "store";
    private static final String READ_MODELS = "read-models";

    private final WakeableEventStore store;
    private final DataSourceProperties database;
    private final ProjectionProgress progress;
    /** A permit whenever there is something to tell; the flags say what. */
    private final Semaphore toTell = new Semaphore(0);
    private final AtomicBoolean storeMoved = new AtomicBoolean();
    private final AtomicBoolean readModelsMoved = new AtomicBoolean();
    private volatile boolean running;
    private volatile int notifierPid = -1;
    private Thread notifier;
    private Thread listener;

    public CommitNotifications(WakeableEventStore store, ProjectionProgress progress, DataSourceProperties database) {
        this.store = store;
        this.progress = progress;
        this.database = database;
    }

    @Override
    public void start() {
        if (!database.determineUrl().startsWith("jdbc:postgresql:")) {
            return; // the embedded database has one node
        }
        running = true;
        store.afterLocalCommit(() -> tell(storeMoved));
        progress.afterLocalBatch(() -> tell(readModelsMoved));
        notifier = daemon("parley-store-notifier", this::notifyLoop);
        listener = daemon("parley-store-listener", this::listenLoop);
    }

    private void tell(AtomicBoolean what) {
        what.set(true);
        toTell.release();
    }

    private static Thread daemon(String name, Runnable loop) {
        Thread thread = new Thread(loop, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(database.determineUrl(), database.determineUsername(),
                                                            database.determinePassword());
        connection.setAutoCommit(true);
        return connection;
    }

    private void notifyLoop() {
        while (running) {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                notifierPid = connection.unwrap(PGConnection.class).getBackendPID();
                // A NOTIFY commits a transaction of its own; nothing is lost if a crash undoes one, so it
                // does not wait for the disk (a notification is delivered when its commit is, flushed or not).
                statement.execute("SET synchronous_commit = off");
                while (running) {
                    toTell.acquire();
                    toTell.drainPermits(); // one notification tells every commit made until now
                    String payload = (storeMoved.getAndSet(false) ? STORE + " " : "")
                                     + (readModelsMoved.getAndSet(false) ? READ_MODELS : "");
                    statement.execute("NOTIFY " + CHANNEL + ", '" + payload.trim() + "'");
                    // At most one a few milliseconds: under load a node commits thousands of times a second
                    TimeUnit.MILLISECONDS.sleep(2);
                }
            } catch (InterruptedException e) {
                return;
            } catch (SQLException e) {
                pause("notifier", e);
            }
        }
    }

    private void listenLoop() {
        while (running) {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
                store.wake(); // what came while not listening
                progress.storedTokenMoved();
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] heard = pg.getNotifications(1000);
                    if (heard == null) {
                        continue;
                    }
                    boolean storeWoken = false;
                    boolean readModelsWoken = false;
                    for (PGNotification notification : heard) {
                        if (notification.getPID() != notifierPid) {
                            String payload = notification.getParameter();
                            storeWoken |= payload.contains(STORE);
                            readModelsWoken |= payload.contains(READ_MODELS);
                        }
                    }
                    if (storeWoken) {
                        store.wake();
                    }
                    if (readModelsWoken) {
                        progress.storedTokenMoved();
                    }
                }
            } catch (SQLException e) {
                pause("listener", e);
            }
        }
    }

    private void pause(String which, SQLException e) {
        if (running) {
            log.debug("the store's {} connection failed, opening another in 1 s: {}", which, e.getMessage());
            try {
                TimeUnit.SECONDS.sleep(1);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        for (Thread thread : new Thread[]{notifier, listener}) {
            if (thread != null) {
                thread.interrupt();
                try {
                    thread.join(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
