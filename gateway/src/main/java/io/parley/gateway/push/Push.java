package io.parley.gateway.push;

import java.util.Collection;

/**
 * One frame for some users' sockets, caused by the event at {@code seq}. {@code exceptSocket} is the
 * socket that sent the request (it got the reply instead), or null.
 */
public record Push(Collection<Long> userIds, String frame, long seq, String exceptSocket) {
}
