package io.parley.api.dialog;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record DialogMessageEdited(long messageId, long dialogId, long editorId, String body, Instant at) {
}
