package io.parley.api.file;

/** Answers a {@link StoredFile}, or null for an unknown file. */
public record FindFile(long fileId) {
}
