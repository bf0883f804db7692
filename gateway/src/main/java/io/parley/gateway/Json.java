package io.parley.gateway;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The timestamp forms of the two APIs. */
public final class Json {

    private Json() {
    }

    /** The dialogs API's: {@code 2021-04-22T17:24:02.807658+00:00}. */
    private static final DateTimeFormatter ISO_MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    /** The servers API's: {@code 2024-12-04 18:36:14.045681+00}. */
    private static final DateTimeFormatter SERVERS_MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSx").withZone(ZoneOffset.UTC);

    public static String isoMicros(Instant instant) {
        return instant == null ? null : ISO_MICROS.format(instant);
    }

    public static String serversTime(Instant instant) {
        return instant == null ? null : SERVERS_MICROS.format(instant);
    }
}
