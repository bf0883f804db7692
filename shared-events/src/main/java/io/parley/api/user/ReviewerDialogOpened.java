package io.parley.api.user;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record ReviewerDialogOpened(long userId, long reviewerId, long dialogId, Instant at) {
}
