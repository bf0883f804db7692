package io.parley.realtime.push;

import io.parley.realtime.api.Push;

import java.util.List;

/**
 * What a resume needs of a socket: it holds its live pushes while the catch-up sends what it missed, and
 * releases them after, without the ones the catch-up already sent.
 */
public interface CatchingUpSocket {

    long userId();

    boolean isOpen();

    /** The frame this socket gets for a push (the reply to its own request, where the push is one). */
    String frameFor(Push push);

    /** Queues the catch-up's frames at the pace the client reads them. */
    void sendPaced(List<String> frames) throws InterruptedException;

    /** Queues one frame; never blocks. */
    void send(String frame);

    /** The catch-up has sent every push up to the cursor {@code upTo}: release the held live pushes after it. */
    void finishCatchUp(long upTo);
}
