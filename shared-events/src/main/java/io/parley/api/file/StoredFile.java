package io.parley.api.file;

import java.time.Instant;

public record StoredFile(long id, long ownerId, String name, long size, String contentType, String storedName,
                         Instant dateCreated) {
}
