package io.parley.gateway.support;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Tokens as another system would issue them for Parley, signed with the test secret. */
public final class Tokens {

    public static final String SECRET = "parley-test-secret-0123456789abcdef-0123456789";
    private static final AtomicLong NEXT_USER = new AtomicLong(10_000_000 + (System.nanoTime() % 1_000_000) * 10);

    private Tokens() {
    }

    /** A user id no other test uses. */
    public static long newUserId() {
        return NEXT_USER.incrementAndGet();
    }

    /** Parley's claim layout: user_id, username, exp, email, orig_iat. */
    public static String forUser(long userId) {
        return forUser(userId, Instant.now().plusSeconds(3600), List.of());
    }

    public static String admin(long userId) {
        return forUser(userId, Instant.now().plusSeconds(3600), List.of("admin"));
    }

    public static String forUser(long userId, Instant expiresAt, List<String> roles) {
        var builder = Jwts.builder()
                          .header().add("typ", "JWT").and()
                          .claim("user_id", userId)
                          .claim("username", "user" + userId + "@example.org")
                          .expiration(Date.from(expiresAt))
                          .claim("email", "user" + userId + "@example.org")
                          .claim("orig_iat", Instant.now().getEpochSecond());
        if (!roles.isEmpty()) {
            builder.claim("roles", roles);
        }
        return builder.signWith(Keys.hmacShaKeyFor(SECRET.getBytes(StandardCharsets.UTF_8)), Jwts.SIG.HS256).compact();
    }

    /** A token with {@code alg: none} and no signature. */
    public static String unsigned(long userId) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"user_id\":" + userId + ",\"username\":\"x\",\"exp\":"
                + (Instant.now().getEpochSecond() + 3600) + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    /** Signed with the right secret, but with HS512. */
    public static String otherAlgorithm(long userId) {
        byte[] longKey = (SECRET + SECRET).getBytes(StandardCharsets.UTF_8);
        return Jwts.builder().claim("user_id", userId).expiration(Date.from(Instant.now().plusSeconds(3600)))
                   .signWith(Keys.hmacShaKeyFor(longKey), Jwts.SIG.HS512).compact();
    }

    /** Signed with another secret. */
    public static String badSignature(long userId) {
        byte[] otherKey = "another-secret-another-secret-another-secret".getBytes(StandardCharsets.UTF_8);
        return Jwts.builder().claim("user_id", userId).expiration(Date.from(Instant.now().plusSeconds(3600)))
                   .signWith(Keys.hmacShaKeyFor(otherKey), Jwts.SIG.HS256).compact();
    }
}
