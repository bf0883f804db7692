package io.parley.gateway.admin;

import io.parley.eventstore.StorePositions;
import io.parley.realtime.api.ApiError;
import io.parley.realtime.api.TokenClaims;
import io.parley.processing.ProjectionProgress;
import io.parley.eventstore.StreamHead;
import io.parley.notifications.DialogEmailNotifier;
import io.parley.notifications.EmailOutbox;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Replaying the read models from the event store, and how far every processor is. Only the read
 * models replay: the push and email processors do side effects, which must never happen twice.
 */
@RestController
public class ProjectionAdminController {

    private final EventProcessingConfiguration processing;
    private final StreamHead head;
    private final EmailOutbox outbox;

    public ProjectionAdminController(EventProcessingConfiguration processing, StreamHead head, EmailOutbox outbox) {
        this.processing = processing;
        this.head = head;
        this.outbox = outbox;
    }

    public record ReplayRequest(String processor) {
    }

    @PostMapping("/api/admin/projections/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Map<String, Object> replay(TokenClaims caller, @RequestBody(required = false) ReplayRequest body) {
        caller.requireAdmin();
        String name = body == null || body.processor() == null ? ProjectionProgress.PROCESSOR : body.processor();
        if (!name.equals(ProjectionProgress.PROCESSOR)) {
            throw ApiError.badRequest("only the read models replay: processor '" + ProjectionProgress.PROCESSOR + "'");
        }
        StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class)
                                                      .orElseThrow(() -> ApiError.notFound("no processor " + name
                                                              + " runs on this node"));
        synchronized (this) {
            if (processor.isReplaying()) {
                throw ApiError.conflict("a replay of " + name + " is already running");
            }
            processor.shutDown();
            try {
                processor.resetTokens();
            } catch (UnableToClaimTokenException e) {
                throw ApiError.conflict("another node processes " + name + "; replay it there");
            } finally {
                processor.start();
            }
        }
        return Map.of("processors", List.of(name), "replaying", true);
    }

    @GetMapping("/api/admin/projections")
    public List<Map<String, Object>> status(TokenClaims caller) {
        caller.requireAdmin();
        long headPosition = head.position();
        List<Map<String, Object>> processors = new ArrayList<>();
        for (EventProcessor processor : processing.eventProcessors().values()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", processor.getName());
            entry.put("running", processor.isRunning());
            if (processor instanceof StreamingEventProcessor streaming) {
                Map<Integer, EventTrackerStatus> status = streaming.processingStatus();
                // In Parley's count of positions (StorePositions), which the head is in too.
                OptionalLong position = status.values().stream()
                                              .filter(s -> s.getTrackingToken() != null)
                                              .mapToLong(s -> StorePositions.of(s.getTrackingToken())).min();
                entry.put("position", position.isPresent() ? position.getAsLong() : null);
                entry.put("head", headPosition);
                entry.put("lag", position.isPresent() ? Math.max(0, headPosition - position.getAsLong()) : null);
                entry.put("replaying", streaming.isReplaying());
                entry.put("caught_up", !status.isEmpty() && status.values().stream().allMatch(EventTrackerStatus::isCaughtUp));
                entry.put("segments", status.size());
                entry.put("error", status.values().stream().filter(EventTrackerStatus::isErrorState)
                                         .map(s -> String.valueOf(s.getError())).findFirst().orElse(null));
                entry.put("replayable", processor.getName().equals(ProjectionProgress.PROCESSOR));
            }
            // Failing read-model handlers are retried, not parked; emails that keep failing are dead letters.
            entry.put("dead_letters", processor.getName().equals(DialogEmailNotifier.PROCESSOR)
                                      ? outbox.count(EmailOutbox.DEAD) : 0);
            processors.add(entry);
        }
        return processors;
    }

}
