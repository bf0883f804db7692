package io.parley.api.server;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The server is gone, and with it every channel, invite and ban; its members are members no more. */
@Revision("1")
public record ServerDeleted(long serverId, long deleterId, Instant at) {
}
