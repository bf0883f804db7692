package io.parley.gateway.audit;

import io.parley.api.AggregateIds;
import io.parley.api.dialog.DialogMessageDeleted;
import io.parley.api.dialog.DialogMessageEdited;
import io.parley.api.dialog.DialogMessagePosted;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every version of a message, read from its own event stream in the event store: the read models may
 * have deleted the message long ago, the stream still holds all of it.
 */
@Component
public class MessageHistory {

    private final EventStore eventStore;

    public MessageHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** One entry of a history: created, edited or deleted; {@code text} is null for a deletion. */
    public record Version(String kind, String text, long userId, Instant at) {
    }

    /** A message's history and who may read it (the participants of its dialog). */
    public record History(long messageId, long containerId, List<Long> readers, List<Version> versions) {
    }

    public Optional<History> ofDialogMessage(long messageId) {
        // From sequence 0: the whole stream, never a snapshot in its place.
        DomainEventStream stream = eventStore.readEvents(AggregateIds.dialogMessage(messageId), 0);
        DialogMessagePosted posted = null;
        List<Version> versions = new ArrayList<>();
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            Object payload = event.getPayload();
            if (payload instanceof DialogMessagePosted p) {
                posted = p;
                versions.add(new Version("created", p.body(), p.authorId(), p.at()));
            } else if (payload instanceof DialogMessageEdited e) {
                versions.add(new Version("edited", e.body(), e.editorId(), e.at()));
            } else if (payload instanceof DialogMessageDeleted d) {
                versions.add(new Version("deleted", null, d.deleterId(), d.at()));
            }
        }
        if (posted == null) {
            return Optional.empty();
        }
        return Optional.of(new History(messageId, posted.dialogId(), posted.participantIds(), versions));
    }
}
