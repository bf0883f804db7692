package io.parley.gateway.auth;

import io.parley.realtime.api.TokenClaims;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.UnsupportedJwtException;
import io.jsonwebtoken.security.SignatureException;
import io.parley.realtime.api.ApiError;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import io.parley.gateway.ParleyProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Issues and verifies Parley's JWTs: HS256 only, {@code user_id} and {@code exp} required, the claims
 * {@code user_id, username, email, exp, orig_iat}, optional {@code roles} and {@code avatar}.
 */
@Component
public class JwtService {

    private static final Logger log = LoggerFactory.getLogger(JwtService.class);
    /** Used only when no secret is configured: anyone who reads this source can forge tokens. */
    static final String DEVELOPMENT_SECRET = "parley-development-secret-do-not-use-in-production";

    private final SecretKey key;
    private final ParleyProperties.Jwt settings;

    public JwtService(ParleyProperties properties) {
        this.settings = properties.getJwt();
        String secret = settings.getSecret();
        if (secret == null || secret.isBlank()) {
            log.warn("""

                    ************************************************************************
                    *  PARLEY_JWT_SECRET is not set: using the DEVELOPMENT JWT secret.      *
                    *  Anyone can forge tokens for this server. Never run it like this in   *
                    *  production: set PARLEY_JWT_SECRET to 32 or more random bytes.        *
                    ************************************************************************""");
            secret = DEVELOPMENT_SECRET;
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new IllegalStateException("parley.jwt.secret (PARLEY_JWT_SECRET) must be at least 32 bytes for HS256");
        }
        this.key = Keys.hmacShaKeyFor(bytes);
    }

    /** The claims of a valid token, or empty for anything else (unsigned, other algorithm, bad, expired). */
    public Optional<TokenClaims> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            Jws<Claims> jws = Jwts.parser().verifyWith(key).build().parseSignedClaims(token.trim());
            if (!"HS256".equals(jws.getHeader().getAlgorithm())) {
                return Optional.empty();
            }
            Claims claims = jws.getPayload();
            Object userId = claims.get("user_id");
            Date exp = claims.getExpiration();
            if (!(userId instanceof Number number) || exp == null || number.doubleValue() != number.longValue()
                    || number.longValue() <= 0) {
                return Optional.empty();
            }
            Object origIat = claims.get("orig_iat");
            Instant originalIssuedAt = origIat instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null;
            Object roles = claims.get("roles");
            List<String> roleList = roles instanceof List<?> list
                                    ? list.stream().filter(String.class::isInstance).map(String.class::cast).toList()
                                    : List.of();
            Object avatar = claims.get("avatar");
            return Optional.of(new TokenClaims(number.longValue(), claims.get("username", String.class),
                                               claims.get("email", String.class),
                                               avatar instanceof String url ? url : null, exp.toInstant(),
                                               originalIssuedAt, roleList));
        } catch (JwtException | IllegalArgumentException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /**
     * The claims of a valid token; otherwise 401 with what is wrong with it: missing (from {@code where}),
     * expired (and when), or not valid and why.
     */
    public TokenClaims require(String token, String where) {
        return verify(token).orElseThrow(() -> ApiError.unauthorized(whyRefused(token, where)));
    }

    /**
     * Why {@link #verify} refused a token, in the words of every 401 (REST and the socket handshake alike):
     * missing (from {@code where}), expired (and when), or not valid and why.
     */
    public String whyRefused(String token, String where) {
        if (token == null || token.isBlank()) {
            return "a token is required in the " + where;
        }
        try {
            Jws<Claims> jws = Jwts.parser().verifyWith(key).build().parseSignedClaims(token.trim());
            if (!"HS256".equals(jws.getHeader().getAlgorithm())) {
                return "the token is not valid: it must be signed with HS256";
            }
            return "the token is not valid: it needs a positive integer user_id and an exp";
        } catch (ExpiredJwtException e) {
            // Thrown only once the signature checked out: the token is ours, and old.
            return "the token expired at " + e.getClaims().getExpiration().toInstant() + "; log in again";
        } catch (UnsupportedJwtException e) {
            return "the token is not valid: it must be signed with HS256";
        } catch (SignatureException e) {
            return "the token is not valid: its signature does not match";
        } catch (JwtException | IllegalArgumentException | ClassCastException e) {
            return "the token is not valid: it is not a JWT";
        }
    }

    /** A token in Parley's claim layout, valid for the configured lifetime. */
    public String issue(long userId, String username, String email, Instant originalIssuedAt, List<String> roles) {
        Instant now = Instant.now();
        var builder = Jwts.builder()
                          .header().add("typ", "JWT").and()
                          .claim("user_id", userId)
                          .claim("username", username)
                          .claim("email", email)
                          .claim("orig_iat", (originalIssuedAt != null ? originalIssuedAt : now).getEpochSecond())
                          .expiration(Date.from(now.plus(settings.getTtl())));
        if (!roles.isEmpty()) {
            builder.claim("roles", roles);
        }
        return builder.signWith(key, Jwts.SIG.HS256).compact();
    }

    /** Whether a token first issued then may still be refreshed. */
    public boolean refreshable(TokenClaims claims) {
        Instant first = claims.originalIssuedAt() != null ? claims.originalIssuedAt() : Instant.now();
        return first.plus(settings.getRefreshWindow()).isAfter(Instant.now());
    }

    /** The token in an {@code Authorization: Bearer …} or {@code Authorization: JWT …} header, or null. */
    public static String fromAuthorizationHeader(String header) {
        if (header == null) {
            return null;
        }
        String value = header.trim();
        for (String scheme : new String[]{"Bearer ", "JWT "}) {
            if (value.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return value.substring(scheme.length()).trim();
            }
        }
        return null;
    }
}
