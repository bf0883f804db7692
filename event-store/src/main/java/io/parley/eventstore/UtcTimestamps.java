package io.parley.eventstore;

import org.axonframework.common.DateTimeUtils;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the UTC timestamps Parley stores ({@code 2026-11-26T04:07:32.123Z}: Axon's event timestamps and the
 * instants in event payloads) without {@code DateTimeFormatter}. Every event read from the store has one or
 * more of them, and the formatter's general parse took 16% of a replay's projection thread. Any other form
 * (an offset other than {@code Z}, a year beyond 9999) goes to the general parse, so the result is always
 * what {@link DateTimeUtils#parseInstant} gives.
 */
public final class UtcTimestamps {

    private static final int LENGTH_WITHOUT_FRACTION = "2026-11-26T04:07:32Z".length();

    private UtcTimestamps() {
    }

    public static Instant parse(CharSequence text) {
        Instant fast = parseUtc(text);
        return fast != null ? fast : DateTimeUtils.parseInstant(text);
    }

    /** The instant, or null when the text is not in the plain UTC form. */
    static Instant parseUtc(CharSequence s) {
        int length = s.length();
        if (length < LENGTH_WITHOUT_FRACTION || s.charAt(length - 1) != 'Z'
                || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        int fractionDigits = length - LENGTH_WITHOUT_FRACTION - 1; // after the '.'
        if (length > LENGTH_WITHOUT_FRACTION) {
            if (s.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            nanos = digits(s, 20, fractionDigits);
            if (nanos < 0) {
                return null;
            }
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        long day0;
        try {
            day0 = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null; // e.g. February 30th: let the general parse say what is wrong
        }
        return Instant.ofEpochSecond(day0 * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The number written by {@code count} ASCII digits from {@code start}, or -1. */
    private static int digits(CharSequence s, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
