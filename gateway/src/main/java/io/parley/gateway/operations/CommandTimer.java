package io.parley.gateway.operations;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Metric {@code parley.commands}: how long sending a command took until its events were stored (or it was
 * refused, or failed), by command and outcome. The wait for the read models afterwards is not in it.
 */
@Component
public class CommandTimer {

    /** The outcome tag: stored, refused by a rule (an error frame such as forbidden), or failed (internal). */
    public enum Outcome { STORED, REFUSED, FAILED }

    private record Key(Class<?> command, Outcome outcome) {
    }

    private final MeterRegistry registry;
    private final ConcurrentHashMap<Key, Timer> timers = new ConcurrentHashMap<>();

    public CommandTimer(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(Object command, Outcome outcome, long nanos) {
        timers.computeIfAbsent(new Key(command.getClass(), outcome), this::timer).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Key key) {
        return Timer.builder("parley.commands")
                    .description("time from sending a command to its events being stored, refused or failed")
                    .tag("command", key.command().getSimpleName())
                    .tag("outcome", key.outcome().name().toLowerCase(java.util.Locale.ROOT))
                    .register(registry);
    }
}
