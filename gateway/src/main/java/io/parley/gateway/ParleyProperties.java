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

    public Jwt getJwt() {
        return jwt;
    }

    public Socket getSocket() {
        return socket;
    }

    public Files getFiles() {
        return files;
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
