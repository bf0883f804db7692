package io.parley.api.file;

/**
 * Whether the user may download the file: its uploader, or a participant of a dialog where a message
 * that is not deleted carries it. Answers a Boolean.
 */
public record CanDownloadFile(long fileId, long userId) {
}
