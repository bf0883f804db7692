package io.parley.notifications;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** {@code parley.mail.*}: how notification emails are sent. */
@ConfigurationProperties("parley.mail")
public class EmailProperties {

    /** Sender address of notification emails. */
    private String from = "Parley <noreply@parley.local>";
    /** Delivery attempts before a mail goes to the dead-letter list. */
    private int maxAttempts = 10;
    /** Wait before the first retry; it doubles each time, up to {@code retryMax}. */
    private Duration retryInitial = Duration.ofSeconds(1);
    private Duration retryMax = Duration.ofMinutes(5);
    /** How often the sender looks for due mails when nothing wakes it. */
    private Duration pollInterval = Duration.ofSeconds(1);
    /**
     * How long the sender waits, once a new mail wakes it, before it claims: the mails queued meanwhile
     * share one claim (two transactions), instead of one claim each.
     */
    private Duration gatherDelay = Duration.ofMillis(100);
    /**
     * How long a node may work on the mails it claimed before other nodes take them for a stopped
     * node's; it starts no new mail of a claim after half of it.
     */
    private Duration claimTimeout = Duration.ofMinutes(1);
    /**
     * SMTP connections each node sends over at once, each on its own thread with its own claims: a
     * crash leaves at most one mail per connection in doubt.
     */
    private int connections = 4;

    public int getConnections() {
        return connections;
    }

    public void setConnections(int connections) {
        if (connections < 1) {
            throw new IllegalArgumentException("parley.mail.connections must be at least 1");
        }
        this.connections = connections;
    }

    public Duration getClaimTimeout() {
        return claimTimeout;
    }

    public void setClaimTimeout(Duration claimTimeout) {
        this.claimTimeout = claimTimeout;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public Duration getRetryInitial() {
        return retryInitial;
    }

    public void setRetryInitial(Duration retryInitial) {
        this.retryInitial = retryInitial;
    }

    public Duration getRetryMax() {
        return retryMax;
    }

    public void setRetryMax(Duration retryMax) {
        this.retryMax = retryMax;
    }

    public Duration getGatherDelay() {
        return gatherDelay;
    }

    public void setGatherDelay(Duration gatherDelay) {
        this.gatherDelay = gatherDelay;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }
}
