package io.parley.api.dialog;

import java.util.List;

public record DialogSummaries(List<DialogSummary> dialogs) {
}
