package io.parley.command.user;

import org.springframework.dao.DuplicateKeyException;
import java.util.Locale;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Username claims in the command side's own table, written in the command's transaction: a claim
 * and its UserRegistered event commit together or not at all.
 */
@Component
class JdbcUsernameClaims implements UsernameClaims {

    private final JdbcTemplate jdbc;

    JdbcUsernameClaims(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean claim(String username, long userId) {
        String key = username.toLowerCase(Locale.ROOT);
        Integer taken = jdbc.queryForObject("select count(*) from username_claim where username = ?",
                                            Integer.class, key);
        if (taken != null && taken > 0) {
            return false;
        }
        try {
            jdbc.update("insert into username_claim (username, user_id) values (?, ?)", key, userId);
            return true;
        } catch (DuplicateKeyException raced) {
            return false;
        }
    }
}
