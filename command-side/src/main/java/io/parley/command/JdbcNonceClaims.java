package io.parley.command;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Nonce claims in the command side's own table; a claim older than a day is free again. */
@Component
class JdbcNonceClaims implements NonceClaims {

    static final Duration KEPT = Duration.ofHours(24);

    private final JdbcTemplate jdbc;

    JdbcNonceClaims(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Long> claim(long userId, String nonce, long messageId) {
        Instant now = Clock.now();
        List<Long> held = jdbc.queryForList(
                "select message_id from message_nonce where user_id = ? and nonce = ? and created_at > ?",
                Long.class, userId, nonce, Timestamp.from(now.minus(KEPT)));
        if (!held.isEmpty()) {
            return Optional.of(held.get(0));
        }
        jdbc.update("delete from message_nonce where user_id = ? and nonce = ?", userId, nonce);
        try {
            jdbc.update("insert into message_nonce (user_id, nonce, message_id, created_at) values (?, ?, ?, ?)",
                        userId, nonce, messageId, Timestamp.from(now));
        } catch (DuplicateKeyException raced) {
            // A concurrent create with the same nonce won; this command fails and the client retries.
            throw io.parley.api.Refusal.conflict("a create with this nonce is under way");
        }
        return Optional.empty();
    }
}
