package io.parley.query.support;

import org.axonframework.eventhandling.TrackingToken;

/** The global position of the event being handled, read from its tracking token. */
public final class Positions {

    private Positions() {
    }

    public static long of(TrackingToken token) {
        return token.position().orElseThrow(() -> new IllegalStateException("token without a position: " + token));
    }
}
