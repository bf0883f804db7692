package io.parley.api.dialog;

import java.time.Instant;

public record FileView(long id, Instant dateCreated, String name, long size, String contentType) {
}
