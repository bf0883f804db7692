package io.parley.api.server;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** First event of a server's stream: the owner is its first member. */
@Revision("1")
public record ServerCreated(long serverId, String name, long ownerId, Instant at) {
}
