package io.parley.query.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Times as the read models keep them. The database keeps microseconds and rounds what it is given; a push
 * and a message's history print the event's own time cut to microseconds. Cutting before storing makes a
 * load show exactly the time the push and the history showed.
 */
public final class Micros {

    private Micros() {
    }

    public static Instant of(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }
}
