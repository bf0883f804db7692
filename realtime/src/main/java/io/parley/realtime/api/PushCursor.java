package io.parley.realtime.api;

/**
 * The cursor a push carries as {@code seq}: the position of its event in the global stream and the
 * push's index among that event's pushes, packed into one integer, {@code position * 1000 + index}.
 * <p>
 * It is unique to the push (two pushes of one event differ in their index), strictly increasing on a
 * socket (pushes go out by position, and an event's pushes by index), the same on every node and after
 * restarts (position and index are computed from the stored event alone), and below 2^53 for the first
 * nine trillion events, so JavaScript reads it exactly.
 */
public final class PushCursor {

    /** Room for every push of one event: the most is a dialog's message and a count for each participant. */
    public static final int PUSHES_PER_EVENT = 1000;

    private PushCursor() {
    }

    public static long of(long position, int index) {
        if (index < 0 || index >= PUSHES_PER_EVENT) {
            throw new IllegalArgumentException("push index " + index + " is out of 0.." + (PUSHES_PER_EVENT - 1));
        }
        return position * PUSHES_PER_EVENT + index;
    }

    /** The position of the event whose push this is. */
    public static long position(long cursor) {
        return cursor / PUSHES_PER_EVENT;
    }

    /** The cursor after every push of the event at this position: where a socket starts that saw them all. */
    public static long afterEvent(long position) {
        return position * PUSHES_PER_EVENT + PUSHES_PER_EVENT - 1;
    }
}
