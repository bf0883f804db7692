package io.parley.api.server;

import java.util.List;

public record MembershipIntervals(List<Interval> intervals) {

    /** Whether the user was in the audience of the server's event at this position (as {@link FindServerAudience}). */
    public boolean memberAt(long serverId, long position) {
        for (Interval interval : intervals) {
            if (interval.serverId() == serverId && interval.joinedAtPosition() <= position
                    && (interval.leftAtPosition() == null || interval.leftAtPosition() >= position)) {
                return true;
            }
        }
        return false;
    }

    /** Joined at {@code joinedAtPosition}; left at {@code leftAtPosition}, null while it lasts. */
    public record Interval(long serverId, long joinedAtPosition, Long leftAtPosition) {
    }
}
