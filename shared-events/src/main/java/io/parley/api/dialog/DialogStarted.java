package io.parley.api.dialog;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

@Revision("1")
public record DialogStarted(long dialogId, List<Long> participantIds, long startedBy, Instant at) {
}
