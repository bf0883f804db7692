package io.parley.realtime.socket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.processing.ProcessingProperties;
import io.parley.realtime.RealtimeProperties;
import io.parley.realtime.api.ApiError;
import io.parley.realtime.api.DeferredSocketRequestHandler;
import io.parley.realtime.api.RateLimiter;
import io.parley.realtime.api.SocketRequest;
import io.parley.realtime.api.SocketRequestHandler;
import io.parley.realtime.api.SocketRequests;
import io.parley.realtime.api.TokenClaims;
import io.parley.realtime.push.PushStream;
import io.parley.realtime.push.Resume;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The websocket endpoint: says hello, dispatches request frames to the features' handlers, answers
 * every bad frame with an error frame (never by closing), pings, and closes sockets whose token
 * expired (4001) or that stopped answering pings (4002).
 */
@Component
public class ParleySocketHandler extends TextWebSocketHandler {

    static final String CLAIMS = "parley.claims";
    static final String SOCKET = "parley.socket";
    static final String SINCE = "parley.since";
    public static final CloseStatus TOKEN_EXPIRED = new CloseStatus(4001, "token expired");
    public static final CloseStatus HEARTBEAT_MISSED = new CloseStatus(4002, "heartbeat missed");

    private static final Logger log = LoggerFactory.getLogger(ParleySocketHandler.class);

    private final Map<String, SocketRequestHandler> handlers = new HashMap<>();
    private final SocketRegistry registry;
    private final ObjectMapper mapper;
    private final RealtimeProperties.Socket settings;
    private final PushStream pushes;
    private final Resume resume;
    private final RateLimiter rateLimiter;
    private final long replyByPushWaitNanos;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "parley-socket-timers");
        thread.setDaemon(true);
        return thread;
    });
    /** Closes and the occasional send continuation: work that must not run on the caller's thread. */
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "parley-socket-io");
        thread.setDaemon(true);
        return thread;
    });

    public ParleySocketHandler(List<SocketRequests> features, SocketRegistry registry, ObjectMapper mapper,
                               RealtimeProperties properties, ProcessingProperties processing, PushStream pushes,
                               Resume resume, RateLimiter rateLimiter) {
        features.forEach(feature -> feature.handlers().forEach((event, handler) -> {
            if (handlers.put(event, handler) != null) {
                throw new IllegalStateException("two handlers for " + event);
            }
        }));
        this.registry = registry;
        this.mapper = mapper;
        this.settings = properties.getSocket();
        this.pushes = pushes;
        this.resume = resume;
        this.rateLimiter = rateLimiter;
        long interval = settings.getHeartbeatInterval().toMillis();
        timers.scheduleWithFixedDelay(this::heartbeat, interval, interval, TimeUnit.MILLISECONDS);
        this.replyByPushWaitNanos = processing.getReadYourWritesTimeout().toNanos();
        timers.scheduleWithFixedDelay(this::answerUnansweredReplies, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        TokenClaims claims = (TokenClaims) session.getAttributes().get(CLAIMS);
        ParleySocket socket = new ParleySocket(claims, session, background, registry, settings.getSendBufferBytes(),
                                               settings.getSendTimeLimit().toMillis());
        session.getAttributes().put(SOCKET, socket);
        // Registered first (holding live pushes), then told where it starts: nothing slips in between.
        registry.add(socket);
        long start = resume.startAfter((Long) session.getAttributes().get(SINCE));

        ObjectNode hello = mapper.createObjectNode();
        hello.put("event", "hello");
        ObjectNode data = hello.putObject("data");
        data.put("user_id", claims.userId());
        data.put("seq", start);
        data.put("heartbeat_interval_ms", settings.getHeartbeatInterval().toMillis());
        socket.send(hello.toString());
        resume.start(socket, start);

        long untilExpiry = Duration.between(Instant.now(), claims.expiresAt()).toMillis();
        timers.schedule(() -> socket.close(TOKEN_EXPIRED), Math.max(0, untilExpiry), TimeUnit.MILLISECONDS);
    }

    /** Frames arrive in parts of the container's small buffer (see {@link SocketConfiguration}). */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        ParleySocket socket = (ParleySocket) session.getAttributes().get(SOCKET);
        String text = socket.assemble(message.getPayload(), message.isLast(), settings.getMaxFrameBytes());
        if (text == null) {
            return;
        }
        ObjectNode frame;
        try {
            JsonNode parsed = mapper.readTree(text);
            if (!(parsed instanceof ObjectNode object)) {
                socket.send(errorFrame("error", "bad_request", "a frame is a JSON object", null).toString());
                return;
            }
            frame = object;
        } catch (JsonProcessingException e) {
            socket.send(errorFrame("error", "bad_request", "a frame is a JSON object", null).toString());
            return;
        }
        JsonNode requestId = frame.get("request_id");
        if (requestId != null && !requestId.isTextual() && !requestId.isNumber() && !requestId.isNull()) {
            requestId = null;
        }
        JsonNode eventNode = frame.get("event");
        if (eventNode == null || !eventNode.isTextual() || eventNode.asText().isEmpty()) {
            socket.send(errorFrame("error", "bad_request", "the frame has no event", requestId).toString());
            return;
        }
        String event = eventNode.asText();
        if (event.equals("ping")) {
            ObjectNode pong = mapper.createObjectNode().put("event", "pong");
            withRequestId(pong, requestId);
            socket.send(pong.toString());
            return;
        }
        SocketRequestHandler handler = handlers.get(event);
        if (handler == null) {
            socket.send(errorFrame("error", "bad_request", "unknown event: " + event, requestId).toString());
            return;
        }
        if (frame.has("request_id") && requestId == null && !frame.get("request_id").isNull()) {
            socket.send(errorFrame(event, "bad_request", "request_id must be a string or a number", null).toString());
            return;
        }
        CompletableFuture<ObjectNode> answer;
        SocketRequest request = new SocketRequest(socket, event, frame, requestId, mapper);
        try {
            if (event.endsWith(".create")) {
                rateLimiter.requireCreate(socket.userId());
            }
            if (handler instanceof DeferredSocketRequestHandler deferred && socket.deferReply()) {
                answer = answerLater(deferred, request, socket);
            } else {
                answer = CompletableFuture.completedFuture(handler.handle(request));
            }
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        JsonNode id = requestId;
        // A deferred reply is sent by the thread that completes it; any other is complete already.
        answer.whenComplete((reply, failure) -> {
            if (failure == null && SocketRequest.isAnsweredByPush(reply)) {
                return; // the push of its write is the reply
            }
            request.answeredOtherwise();
            ObjectNode sent = failure == null ? reply : refusal(event, socket, failure);
            withRequestId(sent, id);
            socket.send(sent.toString());
        });
    }

    private static CompletableFuture<ObjectNode> answerLater(DeferredSocketRequestHandler handler,
                                                             SocketRequest request, ParleySocket socket) {
        CompletableFuture<ObjectNode> answer;
        try {
            answer = handler.answer(request);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.whenComplete((reply, failure) -> socket.replied());
    }

    /** The error frame of a failed request: its refusal, or {@code internal} (logged) for anything else. */
    private ObjectNode refusal(String event, ParleySocket socket, Throwable failure) {
        ApiError refusal = ApiError.from(failure);
        if (refusal != null) {
            return errorFrame(event, refusal.code(), refusal.getMessage(), null);
        }
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        log.error("request {} of user {} failed", event, socket.userId(), cause);
        return errorFrame(event, "internal", "internal error", null);
    }

    private ObjectNode errorFrame(String event, String code, String message, JsonNode requestId) {
        ObjectNode frame = mapper.createObjectNode();
        frame.put("type", "ws_send");
        frame.put("event", event);
        ObjectNode error = frame.putObject("error");
        error.put("code", code);
        error.put("message", message);
        // The origin's frontend shows a refusal when "exception" is set, reading the message from "data".
        frame.put("exception", true);
        frame.put("data", message);
        withRequestId(frame, requestId);
        return frame;
    }

    private static void withRequestId(ObjectNode frame, JsonNode requestId) {
        if (requestId != null && !requestId.isNull()) {
            frame.set("request_id", requestId);
        }
    }

    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        ParleySocket socket = (ParleySocket) session.getAttributes().get(SOCKET);
        if (socket != null) {
            socket.ponged();
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        ParleySocket socket = (ParleySocket) session.getAttributes().get(SOCKET);
        if (socket != null) {
            registry.remove(socket);
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("transport error on socket: {}", exception.getMessage());
    }

    /** Every interval: close a socket whose last two pings both went unanswered, ping the others. */
    private void heartbeat() {
        // The first unanswered ping went out two ticks ago: a tick and a half have surely passed.
        long deadline = settings.getHeartbeatInterval().toNanos() * 3 / 2;
        for (ParleySocket socket : registry.all()) {
            if (socket.nanosPingUnanswered() > deadline) {
                socket.close(HEARTBEAT_MISSED);
            } else {
                socket.heartbeat();
            }
        }
    }

    /**
     * A write answered by its push whose push never came (the push stream passed its event long enough
     * ago) gets an error instead of no reply at all. Its change is stored; a load shows it.
     */
    private void answerUnansweredReplies() {
        long released = pushes.released();
        for (ParleySocket socket : registry.all()) {
            for (ParleySocket.ReplyByPush reply : socket.takeUnansweredReplies(released, replyByPushWaitNanos)) {
                log.warn("the push answering {} of user {} did not come", reply.event(), socket.userId());
                socket.send(errorFrame(reply.event(), "internal",
                                       "the change is stored, but its push did not come: load to see it",
                                       reply.requestId()).toString());
            }
        }
    }

    @PreDestroy
    void stop() {
        timers.shutdownNow();
        background.shutdown();
    }
}
