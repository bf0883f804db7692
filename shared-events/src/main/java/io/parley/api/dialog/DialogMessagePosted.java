package io.parley.api.dialog;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** First event of a dialog message's stream. Carries the participants so the message can check readers. */
@Revision("1")
public record DialogMessagePosted(long messageId, long dialogId, long authorId, String body, Long fileId,
                                  List<Long> participantIds, Instant at) {
}
