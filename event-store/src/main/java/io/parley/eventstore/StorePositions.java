package io.parley.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;

import java.util.Collections;

/**
 * Parley's positions in the global event stream, the same whichever store holds the events: the first
 * event stored is at 1 or later, and 0 is "before every event". Cursors, read-your-writes, server audiences
 * and resume all count in these.
 * <p>
 * Parley's JDBC engine numbers events from 1 (its tokens' index is the position). Axon Server numbers them
 * from 0, and its empty store's head is -1: its tokens are shifted by one, so that a push cursor
 * ({@code position * 1000 + index}) stays a whole number and 0 still means "nothing seen yet".
 */
public final class StorePositions {

    private final boolean axonServer;

    public StorePositions(boolean axonServer) {
        this.axonServer = axonServer;
    }

    /** The position a token stands at (wrapped tokens, as a replay's, by their lower bound); 0 for none. */
    public static long of(TrackingToken token) {
        TrackingToken actual = token == null ? null : WrappedToken.unwrapLowerBound(token);
        if (actual == null) {
            return 0;
        }
        if (actual instanceof GlobalSequenceTrackingToken axonServers) {
            return axonServers.getGlobalIndex() + 1;
        }
        return actual.position().orElse(0);
    }

    /**
     * The position of a token as Axon's token store keeps it in JSON (a replay's by the token it has
     * reached); -1 when it stands nowhere yet.
     */
    public static long ofStored(JsonNode token) {
        JsonNode node = current(token);
        if (node == null || node.isNull()) {
            return -1;
        }
        if (node.has("globalIndex")) {
            return node.get("globalIndex").asLong() + 1;
        }
        return node.has("index") ? node.get("index").asLong() : -1;
    }

    /** A stored token as JSON without its wrappings: a replay's by the token it has reached. */
    public static JsonNode current(JsonNode token) {
        JsonNode node = token;
        while (node != null && node.has("currentToken")) {
            node = node.get("currentToken");
        }
        return node;
    }

    /**
     * How long a reader that knows an event is stored (at or below the head) waits for a stream to hand it
     * over. Parley's engine reads on the caller's thread, and a position it does not give at once is a
     * hole: 0. Axon Server sends its events over the network and has no holes: they come, if a moment later.
     */
    public int arrivalWaitMillis() {
        return axonServer ? 10_000 : 0;
    }

    /** The token after which a stream starts, to read the events after this position; null: from the first. */
    public TrackingToken after(long position) {
        if (position <= 0) {
            return null;
        }
        return axonServer ? new GlobalSequenceTrackingToken(position - 1)
                          : GapAwareTrackingToken.newInstance(position, Collections.emptySortedSet());
    }
}
