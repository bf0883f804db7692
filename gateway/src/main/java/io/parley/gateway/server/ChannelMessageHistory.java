package io.parley.gateway.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.api.AggregateIds;
import io.parley.api.server.ChannelMessageDeleted;
import io.parley.api.server.ChannelMessageEdited;
import io.parley.api.server.ChannelMessagePosted;
import io.parley.gateway.ApiError;
import io.parley.gateway.Json;
import io.parley.gateway.auth.TokenClaims;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every version of a channel message, read from its own stream in the event store: also after the
 * message, its channel or its server is deleted. Its author and admins may read it.
 */
@Component
public class ChannelMessageHistory {

    private final EventStore eventStore;
    private final ObjectMapper mapper;

    public ChannelMessageHistory(EventStore eventStore, ObjectMapper mapper) {
        this.eventStore = eventStore;
        this.mapper = mapper;
    }

    /** One entry: created, edited or deleted; {@code text} is null for a deletion. */
    public record Version(String kind, String text, long userId, Instant at) {
    }

    public record History(long messageId, long channelId, long serverId, long authorId, List<Version> versions) {
    }

    public Optional<History> of(long messageId) {
        // From sequence 0: the whole stream.
        DomainEventStream stream = eventStore.readEvents(AggregateIds.channelMessage(messageId), 0);
        ChannelMessagePosted posted = null;
        List<Version> versions = new ArrayList<>();
        while (stream.hasNext()) {
            Object payload = stream.next().getPayload();
            if (payload instanceof ChannelMessagePosted p) {
                posted = p;
                versions.add(new Version("created", p.text(), p.authorId(), p.at()));
            } else if (payload instanceof ChannelMessageEdited e) {
                versions.add(new Version("edited", e.text(), e.editorId(), e.at()));
            } else if (payload instanceof ChannelMessageDeleted d) {
                versions.add(new Version("deleted", null, d.deleterId(), d.at()));
            }
        }
        if (posted == null) {
            return Optional.empty();
        }
        return Optional.of(new History(messageId, posted.channelId(), posted.serverId(), posted.authorId(),
                                       versions));
    }

    /**
     * The history if the caller may read it. Anyone but its author and admins is refused with forbidden
     * whether the message exists or not, so they learn nothing; only an admin is told not_found.
     */
    public History allowed(long messageId, TokenClaims caller) {
        Optional<History> history = of(messageId);
        if (caller.isAdmin()) {
            return history.orElseThrow(() -> ApiError.notFound("message not found"));
        }
        return history.filter(h -> h.authorId() == caller.userId())
                      .orElseThrow(() -> ApiError.forbidden("only the author or an admin reads a message's history"));
    }

    /** {"id","channel_id","server_id","versions":[{"kind","text","user","date"}…]}, oldest first. */
    public ObjectNode json(History history) {
        ObjectNode json = mapper.createObjectNode();
        json.put("id", history.messageId());
        json.put("channel_id", history.channelId());
        json.put("server_id", history.serverId());
        ArrayNode versions = json.putArray("versions");
        for (Version version : history.versions()) {
            ObjectNode entry = versions.addObject();
            entry.put("kind", version.kind());
            if (version.text() != null) {
                entry.put("text", version.text());
            }
            entry.put("user", version.userId());
            entry.put("date", Json.serversTime(version.at()));
        }
        return json;
    }
}
