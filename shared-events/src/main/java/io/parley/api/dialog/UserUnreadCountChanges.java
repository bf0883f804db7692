package io.parley.api.dialog;

import java.util.List;

public record UserUnreadCountChanges(List<Change> changes) {

    /** The event at {@code position} changed the count to {@code count}. */
    public record Change(long position, int count) {
    }
}
