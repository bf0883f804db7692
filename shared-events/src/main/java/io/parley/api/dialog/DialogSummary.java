package io.parley.api.dialog;

import java.util.List;

public record DialogSummary(long id, List<Long> participantIds) {
}
