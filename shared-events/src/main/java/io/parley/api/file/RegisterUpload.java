package io.parley.api.file;

import io.parley.api.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records an upload whose bytes the gateway has stored under {@code storedName}. The name the client
 * gave is kept for display only; it never becomes a path.
 */
public record RegisterUpload(long fileId, long ownerId, String name, long size, String contentType,
                             String storedName) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.file(fileId);
    }
}
