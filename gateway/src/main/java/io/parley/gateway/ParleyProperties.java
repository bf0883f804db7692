package io.parley.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Parley's own settings, under {@code parley.*}; README's configuration table lists them. */
@ConfigurationProperties("parley")
public class ParleyProperties {

    private final Jwt jwt = new Jwt();
    private final Socket socket = new Socket();
    private final Files files = new Files();
    private final Mail mail = new Mail();
    private final RateLimit rateLimit = new RateLimit();
    private final Push push = new Push();
    /** Where people reach this Parley (for links in emails and file URLs), e.g. https://chat.example.org; empty: relative URLs, no links. */
    private String publicUrl = "";
    /** Usernames whose password logins get the admin role in their tokens. */
    private List<String> admins = new ArrayList<>();
    /** How long a request waits for the read models to show its change before answering an error. */
    private Duration readYourWritesTimeout = Duration.ofSeconds(10);
    /** Dialog posts committed together at most (GroupedPosts); 1 commits each on its own. */
    private int postGroupMax = 100;
    /**
     * Whether the read models' and the email outbox's transactions wait for the disk at commit, as the
     * event store's do. Off (the default): on PostgreSQL they commit without waiting for the write-ahead
     * log's flush; a crash may undo their last moments, and their processors then write them again
     * from the stored events (RebuildableCommits).
     */
    private boolean readModelCommitsWaitForDisk = false;

    public Jwt getJwt() {
        return jwt;
    }

    public Socket getSocket() {
        return socket;
    }


    public Files getFiles() {
        return files;
    }

    public Mail getMail() {
        return mail;
    }

    public Push getPush() {
        return push;
    }

    public RateLimit getRateLimit() {
        return rateLimit;
    }

    public String getPublicUrl() {
        return publicUrl;
    }

    public void setPublicUrl(String publicUrl) {
        this.publicUrl = publicUrl;
    }

    public List<String> getAdmins() {
        return admins;
    }

    public void setAdmins(List<String> admins) {
        this.admins = admins;
    }

    public int getPostGroupMax() {
        return postGroupMax;
    }

    public void setPostGroupMax(int postGroupMax) {
        this.postGroupMax = postGroupMax;
    }

    public boolean isReadModelCommitsWaitForDisk() {
        return readModelCommitsWaitForDisk;
    }

    public void setReadModelCommitsWaitForDisk(boolean readModelCommitsWaitForDisk) {
        this.readModelCommitsWaitForDisk = readModelCommitsWaitForDisk;
    }

    public Duration getReadYourWritesTimeout() {
        return readYourWritesTimeout;
    }

    public void setReadYourWritesTimeout(Duration readYourWritesTimeout) {
        this.readYourWritesTimeout = readYourWritesTimeout;
    }

    public static class Jwt {
        /** HS256 secret, at least 32 bytes. Empty means a development secret, with a warning. */
        private String secret = "";
        /** Lifetime of tokens issued by /api/auth/token and /api/auth/token-refresh. */
        private Duration ttl = Duration.ofDays(1);
        /** How long after its first issue (orig_iat) a token may still be refreshed. */
        private Duration refreshWindow = Duration.ofDays(7);

        public String getSecret() {
            return secret;
        }

        public void setSecret(String secret) {
            this.secret = secret;
        }

        public Duration getTtl() {
            return ttl;
        }

        public void setTtl(Duration ttl) {
            this.ttl = ttl;
        }

        public Duration getRefreshWindow() {
            return refreshWindow;
        }

        public void setRefreshWindow(Duration refreshWindow) {
            this.refreshWindow = refreshWindow;
        }
    }

    public static class Socket {
        /** How often the server pings each socket; two missed pongs close it. */
        private Duration heartbeatInterval = Duration.ofSeconds(25);
        /** Largest frame a client may send; a larger one closes the socket (1009). */
        private int maxFrameBytes = 64 * 1024;
        /** Bytes of pending outbound frames per socket before a slow reader is closed. */
        private int sendBufferBytes = 1024 * 1024;
        /** How long one send may block before the socket counts as stuck. */
        private Duration sendTimeLimit = Duration.ofSeconds(10);

        public Duration getHeartbeatInterval() {
            return heartbeatInterval;
        }

        public void setHeartbeatInterval(Duration heartbeatInterval) {
            this.heartbeatInterval = heartbeatInterval;
        }

        public int getMaxFrameBytes() {
            return maxFrameBytes;
        }

        public void setMaxFrameBytes(int maxFrameBytes) {
            this.maxFrameBytes = maxFrameBytes;
        }

        public int getSendBufferBytes() {
            return sendBufferBytes;
        }

        public void setSendBufferBytes(int sendBufferBytes) {
            this.sendBufferBytes = sendBufferBytes;
        }

        public Duration getSendTimeLimit() {
            return sendTimeLimit;
        }

        public void setSendTimeLimit(Duration sendTimeLimit) {
            this.sendTimeLimit = sendTimeLimit;
        }
    }


    public static class Files {
        /** Directory for uploaded bytes. */
        private String dir = "./data/files";

        public String getDir() {
            return dir;
        }

        public void setDir(String dir) {
            this.dir = dir;
        }
    }

    public static class Mail {
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

        public Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }
    }

    public static class RateLimit {
        /** Creates a user may make in a burst; also how many per {@code per}. */
        private int creates = 20;
        private Duration per = Duration.ofSeconds(10);

        public int getCreates() {
            return creates;
        }

        public void setCreates(int creates) {
            this.creates = creates;
        }

        public Duration getPer() {
            return per;
        }

        public void setPer(Duration per) {
            this.per = per;
        }
    }

    public static class Push {
        /** The furthest back a client may resume; further back it is told resync_required. */
        private long resumeMaxEvents = 100_000;

        public long getResumeMaxEvents() {
            return resumeMaxEvents;
        }

        public void setResumeMaxEvents(long resumeMaxEvents) {
            this.resumeMaxEvents = resumeMaxEvents;
        }
    }
}
