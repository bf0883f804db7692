package io.parley.api.dialog;

import java.util.List;

public record DialogMessageList(List<DialogMessageView> messages) {
}
