package io.parley.realtime.api;

import io.parley.realtime.RealtimeProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates per user: a token bucket holding {@code parley.rate-limit.creates} tokens, refilled evenly
 * over {@code parley.rate-limit.per}. A burst may spend the whole bucket at once; beyond it each create
 * waits for its share of the refill, and until then is answered {@code rate_limited}.
 */
@Component
public class RateLimiter {

    private final double capacity;
    private final double tokensPerNano;
    private final ConcurrentHashMap<Long, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(RealtimeProperties properties) {
        RealtimeProperties.RateLimit limit = properties.getRateLimit();
        this.capacity = limit.getCreates();
        this.tokensPerNano = limit.getCreates() / (double) limit.getPer().toNanos();
    }

    /** Spends one of the user's tokens; false when none is left. */
    public boolean tryCreate(long userId) {
        return buckets.computeIfAbsent(userId, u -> new Bucket(capacity)).take(capacity, tokensPerNano);
    }

    /** Spends one of the user's tokens, or refuses the create with rate_limited. */
    public void requireCreate(long userId) {
        if (!tryCreate(userId)) {
            throw new ApiError("rate_limited", "too many creates; slow down");
        }
    }

    /** Forgets buckets that have filled up again: they say nothing a new bucket would not. */
    @Scheduled(fixedDelay = 60_000)
    void forgetIdle() {
        long now = System.nanoTime();
        buckets.values().removeIf(bucket -> bucket.fullAt(now, capacity, tokensPerNano));
    }

    private static final class Bucket {

        private double tokens;
        private long updatedNanos = System.nanoTime();

        Bucket(double tokens) {
            this.tokens = tokens;
        }

        synchronized boolean take(double capacity, double tokensPerNano) {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - updatedNanos) * tokensPerNano);
            updatedNanos = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }

        synchronized boolean fullAt(long now, double capacity, double tokensPerNano) {
            return tokens + (now - updatedNanos) * tokensPerNano >= capacity;
        }
    }
}
