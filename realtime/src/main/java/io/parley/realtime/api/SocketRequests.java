package io.parley.realtime.api;

import java.util.Map;

/** A feature's socket requests, by event name. Every bean of this type is picked up by the dispatcher. */
public interface SocketRequests {

    Map<String, SocketRequestHandler> handlers();
}
