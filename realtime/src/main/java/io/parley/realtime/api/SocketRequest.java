package io.parley.realtime.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;

/**
 * One request frame: its event, its parameters (at the top level, beside the event) and the socket it came
 * on. The parameter readers refuse anything missing or ill-typed with bad_request.
 */
public class SocketRequest {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    private static final int MAX_OFFSET = 1_000_000_000;
    /** What {@link #optionalTimestamp} accepts: ISO-8601, and the servers API's form. */
    private static final List<DateTimeFormatter> TIMESTAMP_FORMS = List.of(
            DateTimeFormatter.ISO_OFFSET_DATE_TIME,
            new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd HH:mm:ss")
                                          .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
                                          .optionalEnd()
                                          .appendOffset("+HH:mm", "+00")
                                          .toFormatter());

    /** What a handler answers when the push its write causes is the reply (see {@link #replyByPush}). */
    private static final ObjectNode ANSWERED_BY_PUSH = JsonNodeFactory.instance.objectNode();

    private final RequestingSocket socket;
    private final String event;
    private final ObjectNode frame;
    private final JsonNode requestId;
    private final ObjectMapper mapper;
    /** Set once the request waits for its push as its reply. */
    private Origin origin;

    public SocketRequest(RequestingSocket socket, String event, ObjectNode frame, JsonNode requestId, ObjectMapper mapper) {
        this.socket = socket;
        this.event = event;
        this.frame = frame;
        this.requestId = requestId;
        this.mapper = mapper;
    }

    /**
     * For a write whose reply is the push it causes (the dialogs API): the origin to send its command
     * with. Once the command is stored, the handler answers {@link #answeredByPush}; a refusal, or a
     * write that stored nothing, is answered as any reply is.
     */
    public Origin replyByPush() {
        if (origin == null) {
            origin = socket.expectReplyByPush(event, requestId);
        }
        return origin;
    }

    /** The write is stored at this position: its push, on its way, is the reply. */
    public ObjectNode answeredByPush(long position) {
        socket.replyByPushStoredAt(origin.request(), position);
        return ANSWERED_BY_PUSH;
    }

    /** Whether a handler's reply says that the push of the request's write answers it. */
    public static boolean isAnsweredByPush(ObjectNode reply) {
        return reply == ANSWERED_BY_PUSH;
    }

    /** The request is answered by a frame of its own after all. */
    public void answeredOtherwise() {
        if (origin != null) {
            socket.forgetReplyByPush(origin.request());
        }
    }

    /** Whose socket the request came on. */
    public TokenClaims claims() {
        return socket.claims();
    }

    public long userId() {
        return socket.claims().userId();
    }

    public String event() {
        return event;
    }

    public long id(String name) {
        JsonNode node = frame.get(name);
        if (node == null || node.isNull()) {
            throw ApiError.badRequest(name + " is required");
        }
        return idValue(name, node);
    }

    public Long optionalId(String name) {
        JsonNode node = frame.get(name);
        return node == null || node.isNull() ? null : idValue(name, node);
    }

    private static long idValue(String name, JsonNode node) {
        return Ids.parse(name, node);
    }

    public int limit() {
        return intParam("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    }

    public int offset() {
        return intParam("offset", 0, 0, MAX_OFFSET);
    }

    private int intParam(String name, int fallback, int min, int max) {
        JsonNode node = frame.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < min || node.asLong() > max) {
            throw ApiError.badRequest(name + " must be an integer from " + min + " to " + max);
        }
        return node.asInt();
    }

    public String text(String name) {
        JsonNode node = frame.get(name);
        if (node == null || node.isNull()) {
            throw ApiError.badRequest(name + " is required");
        }
        if (!node.isTextual()) {
            throw ApiError.badRequest(name + " must be a string");
        }
        return node.asText();
    }

    /** Null when absent or null; a string otherwise. */
    public String optionalText(String name) {
        JsonNode node = frame.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiError.badRequest(name + " must be a string");
        }
        return node.asText();
    }

    /** Null when absent or null; otherwise an integer from {@code min} to {@code max}. */
    public Integer optionalInt(String name, int min, int max) {
        JsonNode node = frame.get(name);
        return node == null || node.isNull() ? null : intParam(name, min, min, max);
    }

    /**
     * Null when absent or null; otherwise a point in time as a string: ISO-8601 with an offset
     * ({@code 2025-01-11T01:05:03Z}, {@code 2025-01-11T04:05:03.080518+03:00}) or the servers API's own form
     * ({@code 2025-01-11 01:05:03.080518+00}).
     */
    public Instant optionalTimestamp(String name) {
        String text = optionalText(name);
        if (text == null) {
            return null;
        }
        for (DateTimeFormatter form : TIMESTAMP_FORMS) {
            try {
                return OffsetDateTime.parse(text, form).toInstant();
            } catch (DateTimeParseException tryTheNext) {
                // not in this form
            }
        }
        throw ApiError.badRequest(name + " must be a time with an offset, such as 2025-01-11T01:05:03Z");
    }

    public Boolean optionalBoolean(String name) {
        JsonNode node = frame.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw ApiError.badRequest(name + " must be true or false");
        }
        return node.asBoolean();
    }

    /** {"type":"ws_send","event":…,"data":…}: the reply shape of every request. */
    public ObjectNode reply(JsonNode data) {
        ObjectNode reply = mapper.createObjectNode();
        reply.put("type", "ws_send");
        reply.put("event", event);
        reply.set("data", data);
        return reply;
    }

    /** The same, with a response record (or a list of them) as data, written by Jackson with the frame. */
    public ObjectNode reply(Object data) {
        return reply(new POJONode(data));
    }

    /** A list reply: data plus meta with the request's limit and offset and the total. */
    public ObjectNode page(List<?> items, int limit, int offset, long total) {
        ObjectNode reply = reply(new POJONode(items));
        ObjectNode meta = reply.putObject("meta");
        meta.put("limit", limit);
        meta.put("offset", offset);
        meta.put("total", total);
        return reply;
    }
}
