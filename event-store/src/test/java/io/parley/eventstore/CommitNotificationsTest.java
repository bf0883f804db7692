package io.parley.eventstore;

import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Two nodes' notifications on one PostgreSQL: a topic told by one is heard by the other with its position. */
class CommitNotificationsTest {

    private static final String URL = StoreTestDatabase.create("notify");

    @Test
    void aTopicToldOnOneNodeIsHeardOnTheOtherWithTheHighestPositionAndNotByItself() throws Exception {
        CommitNotifications first = node();
        CommitNotifications second = node();
        List<Long> heardBySecond = new CopyOnWriteArrayList<>();
        List<Long> heardByFirst = new CopyOnWriteArrayList<>();
        second.onHeard("read-models", heardBySecond::add);
        first.onHeard("read-models", heardByFirst::add);
        first.start();
        second.start();
        try {
            // Each listener is told "maybe missed" (-1) once it listens; after that, only what is told.
            StoreTestDatabase.awaitUntil("both listening", Duration.ofSeconds(10),
                                         () -> heardBySecond.contains(-1L) && heardByFirst.contains(-1L));
            first.tell("read-models", 41);
            first.tell("read-models", 42);
            StoreTestDatabase.awaitUntil("the second node hears 42", Duration.ofSeconds(10),
                                         () -> heardBySecond.contains(42L));
            assertThat(heardBySecond).allMatch(position -> position == -1 || position == 41 || position == 42);
            assertThat(heardByFirst).containsOnly(-1L); // a node does not hear its own notifications
        } finally {
            first.stop();
            second.stop();
        }
    }

    private static CommitNotifications node() {
        DataSourceProperties database = new DataSourceProperties();
        database.setUrl(URL);
        database.setUsername("postgres");
        database.setPassword("");
        WakeableEventStore store = new WakeableEventStore(
                EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()));
        return new CommitNotifications(store, database);
    }
}
