package io.parley.realtime;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** The websocket's settings: {@code parley.socket.*}, {@code parley.push.*}, {@code parley.rate-limit.*} (README lists them). */
@ConfigurationProperties("parley")
public class RealtimeProperties {

    private final Socket socket = new Socket();
    private final Push push = new Push();
    private final RateLimit rateLimit = new RateLimit();

    public Socket getSocket() {
        return socket;
    }

    public Push getPush() {
        return push;
    }

    public RateLimit getRateLimit() {
        return rateLimit;
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
}
