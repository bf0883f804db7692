package io.parley.api.dialog;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record DialogMessageDeleted(long messageId, long dialogId, long deleterId, Instant at) {
}
