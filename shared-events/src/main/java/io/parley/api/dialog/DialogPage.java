package io.parley.api.dialog;

import java.util.List;

public record DialogPage(List<DialogView> items, long total) {
}
