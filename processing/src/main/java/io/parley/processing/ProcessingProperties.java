package io.parley.processing;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** The processing side's settings, under {@code parley.*}. */
@ConfigurationProperties("parley")
public class ProcessingProperties {

    /**
     * Whether the read models' and the email outbox's transactions wait for the disk at commit, as the
     * event store's do. Off (the default): on PostgreSQL they commit without waiting for the write-ahead
     * log's flush; a crash may undo their last moments, and their processors then write them again
     * from the stored events (RebuildableCommits).
     */
    private boolean readModelCommitsWaitForDisk = false;
    /** How long a request waits for the read models to show its change before answering an error. */
    private Duration readYourWritesTimeout = Duration.ofSeconds(10);

    public Duration getReadYourWritesTimeout() {
        return readYourWritesTimeout;
    }

    public void setReadYourWritesTimeout(Duration readYourWritesTimeout) {
        this.readYourWritesTimeout = readYourWritesTimeout;
    }

    public boolean isReadModelCommitsWaitForDisk() {
        return readModelCommitsWaitForDisk;
    }

    public void setReadModelCommitsWaitForDisk(boolean readModelCommitsWaitForDisk) {
        this.readModelCommitsWaitForDisk = readModelCommitsWaitForDisk;
    }
}
