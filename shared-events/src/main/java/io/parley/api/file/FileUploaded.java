package io.parley.api.file;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record FileUploaded(long fileId, long ownerId, String name, long size, String contentType,
                           String storedName, Instant at) {
}
