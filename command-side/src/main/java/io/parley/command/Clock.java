package io.parley.command;

import org.axonframework.eventhandling.GenericEventMessage;

import java.time.Instant;

/** Event time comes from Axon's clock, so fixtures can fix it. */
public final class Clock {

    private Clock() {
    }

    public static Instant now() {
        return GenericEventMessage.clock.instant();
    }
}
