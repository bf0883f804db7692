package io.parley.api.dialog;

import java.util.List;

public record UnreadCountChangesBetween(List<Change> changes) {

    /** The event at {@code position} changed {@code userId}'s count to {@code count}. */
    public record Change(long position, long userId, int count) {
    }
}
