package io.parley.gateway;

import io.parley.processing.CommandWrites;
import io.parley.processing.ProcessingProperties;
import io.parley.realtime.api.ApiError;
import io.parley.realtime.api.Origin;
import io.parley.processing.ProjectionProgress;
import io.parley.gateway.operations.CommandTimer;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The gateway's door to the other sides (named for them): commands through {@link CommandWrites}, which
 * also tells where their events landed, queries through Axon's query gateway. A command returns once the
 * read models show its events, so a load sent after the reply sees the change.
 */
@Component
public class Sides {

    private final CommandWrites writes;
    private final QueryGateway queryGateway;
    private final ProjectionProgress progress;
    private final ProcessingProperties properties;
    private final CommandTimer timer;

    public Sides(CommandWrites writes, QueryGateway queryGateway, ProjectionProgress progress,
                 ProcessingProperties properties, CommandTimer timer) {
        this.writes = writes;
        this.queryGateway = queryGateway;
        this.progress = progress;
        this.properties = properties;
        this.timer = timer;
    }

    /**
     * What a command wrote: its handler's result and the position to wait for, its last event's (or the store's
     * head where that is not known, see {@link CommandWrites}); -1: it stored nothing.
     */
    public record Written(Object result, long position) {
    }

    /** Sends a command that did not come from a socket. */
    public Written send(Object command) {
        return send(command, null);
    }

    /** Sends a command; {@code origin} (may be null) rides on its events, so that its push can answer it. */
    public Written send(Object command, Origin origin) {
        Written written = dispatch(command, origin);
        awaitVisible(written.position());
        return written;
    }

    /**
     * Sends a command and answers once its events are stored, before the read models show them: the caller
     * waits for that itself.
     */
    public Written dispatch(Object command, Origin origin) {
        CommandWrites.Stored stored;
        long started = System.nanoTime();
        try {
            stored = writes.store(List.of(message(command, origin)));
        } catch (RuntimeException e) {
            ApiError refusal = ApiError.from(e);
            timer.record(command, refusal != null ? CommandTimer.Outcome.REFUSED : CommandTimer.Outcome.FAILED,
                         System.nanoTime() - started);
            if (refusal != null) {
                throw refusal;
            }
            throw e;
        }
        timer.record(command, CommandTimer.Outcome.STORED, System.nanoTime() - started);
        return new Written(stored.results().get(0), stored.position());
    }

    /** What a group of commands wrote: each command's result, and the highest position of their events. */
    public record GroupWritten(List<Object> results, long position) {
    }

    /** Whether {@link #dispatchTogether} can be used: commands run and append their events here. */
    public boolean groupable() {
        return writes.allOrNothing();
    }

    /**
     * Sends these commands in one unit of work and one transaction ({@link CommandWrites}): all their events
     * are appended in one statement and committed together. If any command fails, nothing of the group is
     * stored and that failure is thrown. Only where appends happen in this process ({@link #groupable()}):
     * with Axon Server each command commits where it is handled.
     */
    public GroupWritten dispatchTogether(List<Object> commands, List<Origin> origins) {
        long started = System.nanoTime();
        List<CommandMessage<?>> messages = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            messages.add(message(commands.get(i), origins.get(i)));
        }
        CommandWrites.Stored stored;
        try {
            stored = writes.store(messages);
        } catch (RuntimeException e) {
            recordEach(commands, ApiError.from(e) != null ? CommandTimer.Outcome.REFUSED : CommandTimer.Outcome.FAILED,
                       started);
            throw e;
        }
        recordEach(commands, CommandTimer.Outcome.STORED, started);
        return new GroupWritten(stored.results(), stored.position());
    }

    /** A group's commands were stored (or not) together: each took the group's time. */
    private void recordEach(List<Object> commands, CommandTimer.Outcome outcome, long started) {
        long nanos = System.nanoTime() - started;
        for (Object command : commands) {
            timer.record(command, outcome, nanos);
        }
    }

    private static CommandMessage<?> message(Object command, Origin origin) {
        return GenericCommandMessage.asCommandMessage(command).andMetaData(origin == null ? Map.of() : origin.metaData());
    }

    /** Whether the read models have handled the event at this position, without waiting. */
    public boolean visible(long position) {
        try {
            return progress.awaitProcessed(position, java.time.Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.internal("interrupted");
        }
    }

    /** Waits until the read models have handled the event at this position. */
    public void awaitVisible(long position) {
        try {
            if (!progress.awaitProcessed(position, properties.getReadYourWritesTimeout())) {
                throw ApiError.internal("the change is stored, but the read models did not show it in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.internal("interrupted");
        }
    }

    /** Runs a query; null when the answer is "none". */
    public <R> R query(Object query, Class<R> resultType) {
        try {
            return queryGateway.query(query, ResponseTypes.instanceOf(resultType)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.internal("interrupted");
        } catch (ExecutionException | CompletionException e) {
            ApiError refusal = ApiError.from(e.getCause());
            if (refusal != null) {
                throw refusal;
            }
            throw new IllegalStateException("query " + query.getClass().getSimpleName() + " failed", e.getCause());
        }
    }
}
