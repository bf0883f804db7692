package io.parley.api.server;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The server's name and owner after the change (all of them, like a settings change). The owner changed
 * when {@code ownerId} differs from {@code previousOwnerId}.
 */
@Revision("1")
public record ServerEdited(long serverId, String name, long ownerId, long previousOwnerId, long editorId, Instant at) {
}
