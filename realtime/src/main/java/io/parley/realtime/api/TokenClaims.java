package io.parley.realtime.api;


import java.time.Instant;
import java.util.List;

/** What a verified token says about its bearer. */
public record TokenClaims(long userId, String username, String email, String avatar, Instant expiresAt,
                          Instant originalIssuedAt, List<String> roles) {

    public boolean isAdmin() {
        return roles.contains("admin");
    }

    /** Refuses (403) anyone but an admin. */
    public void requireAdmin() {
        if (!isAdmin()) {
            throw ApiError.forbidden("admins only");
        }
    }
}
