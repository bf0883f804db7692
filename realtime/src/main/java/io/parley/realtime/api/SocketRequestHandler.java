package io.parley.realtime.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Answers one kind of request with its reply frame (the dispatcher adds request_id). */
@FunctionalInterface
public interface SocketRequestHandler {

    ObjectNode handle(SocketRequest request);
}
