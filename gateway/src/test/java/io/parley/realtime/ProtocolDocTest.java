package io.parley.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.gateway.support.ParleyTest;
import io.parley.realtime.api.SocketRequests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/protocol.md shows every socket request Parley answers: a request and its reply, as JSON. The events
 * are read from the features the dispatcher takes its handlers from, so a new request without its
 * examples fails here. (ping, answered by the dispatcher itself, is in the doc's Heartbeat.)
 */
class ProtocolDocTest extends ParleyTest {

    private static final Pattern JSON_BLOCK = Pattern.compile("```json\n(.*?)```", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    List<SocketRequests> features;

    @Test
    void everyDispatchedEventHasARequestAndAReplyExample() throws IOException {
        List<JsonNode> examples = examples(Files.readString(Path.of("..", "docs", "protocol.md")));
        Set<String> events = new TreeSet<>();
        features.forEach(feature -> events.addAll(feature.handlers().keySet()));
        assertThat(events).as("the dispatcher's events").contains("dialogs.load", "servers.load", "users.me");

        List<String> missing = new ArrayList<>();
        for (String event : events) {
            if (examples.stream().noneMatch(frame -> isRequest(frame, event))) {
                missing.add(event + ": no request example {\"event\": \"" + event + "\", …}");
            }
            if (examples.stream().noneMatch(frame -> isReply(frame, event))) {
                missing.add(event + ": no reply example {\"type\": \"ws_send\", \"event\": \"" + event + "\", \"data\": …}");
            }
        }
        assertThat(missing).as("protocol.md's examples").isEmpty();
    }

    /** Every JSON value in the ```json blocks; a block that is not JSON fails the test. */
    private static List<JsonNode> examples(String markdown) {
        List<JsonNode> frames = new ArrayList<>();
        Matcher block = JSON_BLOCK.matcher(markdown);
        while (block.find()) {
            try (var values = JSON.readerFor(JsonNode.class).<JsonNode>readValues(block.group(1))) {
                values.forEachRemaining(frames::add);
            } catch (IOException | RuntimeException e) {
                throw new AssertionError("protocol.md has a ```json block that is not JSON: " + block.group(1), e);
            }
        }
        return frames;
    }

    /** A client's request: the event and its parameters, no {@code data} and no {@code "type": "ws_send"}. */
    private static boolean isRequest(JsonNode frame, String event) {
        return event.equals(frame.path("event").asText(null)) && !frame.path("type").isTextual()
               && !frame.has("data");
    }

    /**
     * A successful reply: ws_send with data and no error. A push of the dialogs API has the same shape,
     * so a frame with {@code seq} counts only with {@code request_id} (the reply a write gets is its push).
     */
    private static boolean isReply(JsonNode frame, String event) {
        return event.equals(frame.path("event").asText(null)) && "ws_send".equals(frame.path("type").asText(null))
               && frame.has("data") && !frame.has("error") && (!frame.has("seq") || frame.has("request_id"));
    }
}
