package io.parley.api.dialog;

import java.util.List;

public record DialogMessagePage(boolean participant, List<DialogMessageView> items, long total) {
}
