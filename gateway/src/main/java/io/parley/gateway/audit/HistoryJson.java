package io.parley.gateway.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.gateway.Json;
import org.springframework.stereotype.Component;

/** A message history as the socket and the admin REST path show it. */
@Component
public class HistoryJson {

    private final ObjectMapper mapper;

    public HistoryJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** {"id","dialog","versions":[{"kind","body","user","date"}…]}, oldest first. */
    public ObjectNode dialogMessage(MessageHistory.History history) {
        ObjectNode json = mapper.createObjectNode();
        json.put("id", history.messageId());
        json.put("dialog", history.containerId());
        ArrayNode versions = json.putArray("versions");
        for (MessageHistory.Version version : history.versions()) {
            ObjectNode entry = versions.addObject();
            entry.put("kind", version.kind());
            if (version.text() != null) {
                entry.put("body", version.text());
            }
            entry.put("user", version.userId());
            entry.put("date", Json.isoMicros(version.at()));
        }
        return json;
    }
}
