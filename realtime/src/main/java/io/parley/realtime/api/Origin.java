package io.parley.realtime.api;

import org.axonframework.eventhandling.EventMessage;

import java.util.Map;

/**
 * The socket request a command came from. It rides on the command's events as metadata, so that the
 * push an event causes can go back to that socket as the request's reply (see
 * {@code ParleySocket#frameFor}).
 *
 * @param socket  the socket's id, unique to the node's run
 * @param request the request's number on that socket
 */
public record Origin(String socket, long request) {

    public static final String SOCKET_KEY = "parleySocket";
    public static final String REQUEST_KEY = "parleyRequest";

    /** The origin an event carries; null for events of commands that came from no socket. */
    public static Origin of(EventMessage<?> event) {
        Object socket = event.getMetaData().get(SOCKET_KEY);
        Object request = event.getMetaData().get(REQUEST_KEY);
        if (socket == null || !(request instanceof Number number)) {
            return null;
        }
        return new Origin(socket.toString(), number.longValue());
    }

    public Map<String, Object> metaData() {
        return Map.of(SOCKET_KEY, socket, REQUEST_KEY, request);
    }
}
