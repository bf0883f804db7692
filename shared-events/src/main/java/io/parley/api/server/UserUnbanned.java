package io.parley.api.server;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record UserUnbanned(long serverId, long userId, long unbannedBy, Instant at) {
}
