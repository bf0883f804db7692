package io.parley.realtime.api;


import java.util.Collection;

/**
 * One frame for some users' sockets. {@code seq} is its cursor ({@link PushCursor}). {@code replyTo} is
 * the socket request whose reply this push is, for the socket that sent it (the dialogs API answers a
 * write with the push it causes), or null.
 */
public record Push(Collection<Long> userIds, String frame, long seq, Origin replyTo) {
}
