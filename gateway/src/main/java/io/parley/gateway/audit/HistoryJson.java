package io.parley.gateway.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** The versions of a history as both APIs show them, each in its own words and time form. */
public final class HistoryJson {

    private HistoryJson() {
    }

    /**
     * Adds {"versions":[{"kind", textKey, "user", "date"}…]}, oldest first; a deletion has no text.
     */
    public static void versions(ObjectNode json, List<MessageHistory.Version> versions, String textKey,
                                Function<Instant, String> time) {
        ArrayNode list = json.putArray("versions");
        for (MessageHistory.Version version : versions) {
            ObjectNode entry = list.addObject();
            entry.put("kind", version.kind());
            if (version.text() != null) {
                entry.put(textKey, version.text());
            }
            entry.put("user", version.userId());
            entry.put("date", time.apply(version.at()));
        }
    }
}
