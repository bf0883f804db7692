package io.parley.api.dialog;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record DialogMessageSeen(long messageId, long dialogId, long readerId, Instant at) {
}
