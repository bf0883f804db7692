package io.parley.api.dialog;

import java.util.List;

public record UnreadCountChanges(List<Change> changes) {

    public record Change(long userId, int count) {
    }
}
