package io.parley.gateway.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.parley.api.AggregateIds;
import io.parley.api.server.ChannelMessagePosted;
import io.parley.gateway.Json;
import io.parley.gateway.audit.MessageHistory;
import io.parley.realtime.api.TokenClaims;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Every version of a channel message, read from its own stream in the event store: also after the
 * message, its channel or its server is deleted. Its author and admins may read it.
 */
@Component
public class ChannelMessageHistory {

    /** A channel message's versions, oldest first. */
    public record History(long id, @JsonProperty("channel_id") long channelId, @JsonProperty("server_id") long serverId,
                          List<Version> versions) {
    }

    /** One version, times in the servers API's form; a deletion has no text. */
    public record Version(String kind, @JsonInclude(JsonInclude.Include.NON_NULL) String text, long user,
                          String date) {
    }

    private final MessageHistory histories;

    public ChannelMessageHistory(MessageHistory histories) {
        this.histories = histories;
    }

    /**
     * {"id","channel_id","server_id","versions":[{"kind","text","user","date"}…]}, oldest first, if the
     * caller may read it (see {@link MessageHistory#allowed}).
     */
    public History allowed(long messageId, TokenClaims caller) {
        MessageHistory.Versions history = MessageHistory.allowed(
                histories.read(AggregateIds.channelMessage(messageId)), caller,
                h -> ((ChannelMessagePosted) h.posted()).authorId() == caller.userId(),
                "only the author or an admin reads a message's history");
        ChannelMessagePosted posted = (ChannelMessagePosted) history.posted();
        return new History(messageId, posted.channelId(), posted.serverId(), history.versions().stream().map(
                v -> new Version(v.kind(), v.text(), v.userId(), Json.serversTime(v.at()))).toList());
    }
}
