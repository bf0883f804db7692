package io.parley.eventstore;

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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * Nodes on one PostgreSQL wake each other's store readers at once, with {@code LISTEN/NOTIFY}, instead of
 * each finding another node's events at its next fetch ({@code parley.event-store.fetch-delay}).
 * <p>
 * After each local commit a notifier thread sends {@code NOTIFY parley_store} on a connection of its own,
 * outside the appending transaction (which thus takes no lock on PostgreSQL's notification queue);
 * commits that come while it is sending, or in the 2 ms it rests after a send under load, are told by its
 * next one. A listener thread on another connection wakes this node's reader on every notification but
 * its own node's. Either connection, if lost, is opened again a second later; the listener then wakes the
 * reader once, for what it may have missed. The fetch delay stays as the floor when nothing is heard.
 * <p>
 * The same notifications carry other news between nodes, each as a topic and a position ({@link #tell}:
 * the processing side tells that the read models reached a position). The payload is words: {@code store}
 * and {@code <topic> <position>} pairs.
 */
public class CommitNotifications implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CommitNotifications.class);
    private static final String CHANNEL = "parley_store";
    private static final String STORE = "store";
    private static final long REST_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final WakeableEventStore store;
    private final DataSourceProperties database;
    /** A permit whenever there is something to tell; the flag and the map say what. */
    private final Semaphore toTell = new Semaphore(0);
    private final AtomicBoolean storeMoved = new AtomicBoolean();
    /** Topics to tell, with the latest position of each. */
    private final Map<String, Long> topicsMoved = new ConcurrentHashMap<>();
    private final Map<String, LongConsumer> listeners = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile int notifierPid = -1;
    private Thread notifier;
    private Thread listener;

    public CommitNotifications(WakeableEventStore store, DataSourceProperties database) {
        this.store = store;
        this.database = database;
    }

    /** Tells the other nodes that {@code topic} (a word of letters and dashes) reached {@code position}. */
    public void tell(String topic, long position) {
        topicsMoved.merge(topic, position, Math::max);
        toTell.release();
    }

    /**
     * What to do when another node tells {@code topic}: called with its position, or with -1 when news may
     * have been missed (the listening connection was opened again).
     */
    public void onHeard(String topic, LongConsumer listener) {
        listeners.put(topic, listener);
    }

    @Override
    public void start() {
        if (!database.determineUrl().startsWith("jdbc:postgresql:")) {
            return; // the embedded database has one node
        }
        running = true;
        store.afterLocalCommit(() -> {
            storeMoved.set(true);
            toTell.release();
        });
        notifier = daemon("parley-store-notifier", this::notifyLoop);
        listener = daemon("parley-store-listener", this::listenLoop);
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
                long lastSent = System.nanoTime() - REST_NANOS;
                while (running) {
                    toTell.acquire();
                    // Under load at most one notification every REST_NANOS (a node commits thousands of times
                    // a second); one that follows a quiet spell goes at once, as it lies on a push's path.
                    long quiet = System.nanoTime() - lastSent;
                    if (quiet < REST_NANOS) {
                        TimeUnit.NANOSECONDS.sleep(REST_NANOS - quiet);
                    }
                    toTell.drainPermits(); // one notification tells every commit made until now
                    statement.execute("NOTIFY " + CHANNEL + ", '" + payload() + "'");
                    lastSent = System.nanoTime();
                }
            } catch (InterruptedException e) {
                return;
            } catch (SQLException e) {
                pause("notifier", e);
            }
        }
    }

    private String payload() {
        StringBuilder words = new StringBuilder(storeMoved.getAndSet(false) ? STORE : "");
        for (String topic : topicsMoved.keySet()) {
            Long position = topicsMoved.remove(topic);
            if (position != null) {
                words.append(words.isEmpty() ? "" : " ").append(topic).append(' ').append(position);
            }
        }
        return words.toString();
    }

    private void listenLoop() {
        while (running) {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
                store.wake(); // what came while not listening
                listeners.values().forEach(heard -> heard.accept(-1));
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] heard = pg.getNotifications(1000);
                    if (heard != null) {
                        hear(heard);
                    }
                }
            } catch (SQLException e) {
                pause("listener", e);
            }
        }
    }

    /** Wakes the reader once and each topic's listener once, with the highest position heard. */
    private void hear(PGNotification[] heard) {
        boolean storeWoken = false;
        Map<String, Long> reached = new java.util.HashMap<>();
        for (PGNotification notification : heard) {
            if (notification.getPID() == notifierPid) {
                continue;
            }
            String[] words = notification.getParameter().split(" ");
            for (int i = 0; i < words.length; i++) {
                if (STORE.equals(words[i])) {
                    storeWoken = true;
                } else if (!words[i].isEmpty()) {
                    reached.merge(words[i], positionAt(words, ++i), Math::max);
                }
            }
        }
        if (storeWoken) {
            store.wake();
        }
        reached.forEach((topic, position) -> {
            LongConsumer listener = listeners.get(topic);
            if (listener != null) {
                listener.accept(position);
            }
        });
    }

    /** The position at {@code at}; -1 (unknown) when there is none. */
    private static long positionAt(String[] words, int at) {
        try {
            return at < words.length ? Long.parseLong(words[at]) : -1;
        } catch (NumberFormatException e) {
            return -1;
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
