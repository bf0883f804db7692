package io.parley.query.server;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Times as the read models keep them. The database keeps microseconds and rounds what it is given; a push
 * prints the event's own time cut to microseconds. Cutting before storing makes a load show exactly the
 * time the push showed.
 */
final class Micros {

    private Micros() {
    }

    static Instant of(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }
}
