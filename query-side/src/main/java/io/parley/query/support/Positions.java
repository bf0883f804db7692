package io.parley.query.support;

import io.parley.eventstore.StorePositions;
import org.axonframework.eventhandling.TrackingToken;

/** The global position of the event being handled, read from its tracking token (see {@link StorePositions}). */
public final class Positions {

    private Positions() {
    }

    public static long of(TrackingToken token) {
        long position = StorePositions.of(token);
        if (position <= 0) {
            throw new IllegalStateException("token without a position: " + token);
        }
        return position;
    }
}
