package io.parley.gateway.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.api.AggregateIds;
import io.parley.api.server.ChannelMessagePosted;
import io.parley.gateway.Json;
import io.parley.gateway.audit.HistoryJson;
import io.parley.gateway.audit.MessageHistory;
import io.parley.gateway.auth.TokenClaims;
import org.springframework.stereotype.Component;

/**
 * Every version of a channel message, read from its own stream in the event store: also after the
 * message, its channel or its server is deleted. Its author and admins may read it.
 */
@Component
public class ChannelMessageHistory {

    private final MessageHistory histories;
    private final ObjectMapper mapper;

    public ChannelMessageHistory(MessageHistory histories, ObjectMapper mapper) {
        this.histories = histories;
        this.mapper = mapper;
    }

    /**
     * {"id","channel_id","server_id","versions":[{"kind","text","user","date"}…]}, oldest first, if the
     * caller may read it (see {@link MessageHistory#allowed}).
     */
    public ObjectNode allowed(long messageId, TokenClaims caller) {
        MessageHistory.Versions history = MessageHistory.allowed(
                histories.read(AggregateIds.channelMessage(messageId)), caller,
                h -> ((ChannelMessagePosted) h.posted()).authorId() == caller.userId(),
                "only the author or an admin reads a message's history");
        ChannelMessagePosted posted = (ChannelMessagePosted) history.posted();
        ObjectNode json = mapper.createObjectNode();
        json.put("id", messageId);
        json.put("channel_id", posted.channelId());
        json.put("server_id", posted.serverId());
        HistoryJson.versions(json, history.versions(), "text", Json::serversTime);
        return json;
    }
}
