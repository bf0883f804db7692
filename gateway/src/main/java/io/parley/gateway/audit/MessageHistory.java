package io.parley.gateway.audit;

import io.parley.api.dialog.DialogMessageDeleted;
import io.parley.api.dialog.DialogMessageEdited;
import io.parley.api.dialog.DialogMessagePosted;
import io.parley.api.server.ChannelMessageDeleted;
import io.parley.api.server.ChannelMessageEdited;
import io.parley.api.server.ChannelMessagePosted;
import io.parley.realtime.api.ApiError;
import io.parley.realtime.api.TokenClaims;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Every version of a message (of a dialog or of a channel), read from its own event stream in the
 * event store: the read models may have deleted the message long ago, the stream still holds all of it.
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

    /** A message's stream: its first event (what was posted, and where) and every version, oldest first. */
    public record Versions(Object posted, List<Version> versions) {
    }

    /** The message stream with this aggregate id, or empty when nothing was posted under it. */
    public Optional<Versions> read(String aggregateId) {
        // From sequence 0: the whole stream, never a snapshot in its place.
        DomainEventStream stream = eventStore.readEvents(aggregateId, 0);
        Object posted = null;
        List<Version> versions = new ArrayList<>();
        while (stream.hasNext()) {
            Object payload = stream.next().getPayload();
            if (payload instanceof DialogMessagePosted p) {
                posted = p;
                versions.add(new Version("created", p.body(), p.authorId(), p.at()));
            } else if (payload instanceof ChannelMessagePosted p) {
                posted = p;
                versions.add(new Version("created", p.text(), p.authorId(), p.at()));
            } else if (payload instanceof DialogMessageEdited e) {
                versions.add(new Version("edited", e.body(), e.editorId(), e.at()));
            } else if (payload instanceof ChannelMessageEdited e) {
                versions.add(new Version("edited", e.text(), e.editorId(), e.at()));
            } else if (payload instanceof DialogMessageDeleted d) {
                versions.add(new Version("deleted", null, d.deleterId(), d.at()));
            } else if (payload instanceof ChannelMessageDeleted d) {
                versions.add(new Version("deleted", null, d.deleterId(), d.at()));
            }
        }
        return posted == null ? Optional.empty() : Optional.of(new Versions(posted, versions));
    }

    /**
     * The history if the caller may read it. Anyone else is refused with forbidden whether the message
     * exists or not, so they learn nothing; only an admin is told not_found.
     */
    public static <H> H allowed(Optional<H> history, TokenClaims caller, Predicate<H> mayRead, String refusal) {
        if (caller.isAdmin()) {
            return history.orElseThrow(() -> ApiError.notFound("message not found"));
        }
        return history.filter(mayRead).orElseThrow(() -> ApiError.forbidden(refusal));
    }
}
