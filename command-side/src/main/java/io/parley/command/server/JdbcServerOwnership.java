package io.parley.command.server;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Server counts in the command side's own table, written in the command's transaction. The count goes up
 * in one conditional update: its row lock makes two concurrent creates of one user wait for each other,
 * and the second sees the first's count, so nobody ever owns more than the limit.
 */
@Component
class JdbcServerOwnership implements ServerOwnership {

    private final JdbcTemplate jdbc;

    JdbcServerOwnership(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean take(long ownerId, int max) {
        jdbc.update("insert into server_ownership (owner_id, servers_owned) values (?, 0) on conflict do nothing",
                    ownerId);
        return jdbc.update("update server_ownership set servers_owned = servers_owned + 1 "
                                   + "where owner_id = ? and servers_owned < ?", ownerId, max) == 1;
    }

    @Override
    public void release(long ownerId) {
        jdbc.update("update server_ownership set servers_owned = servers_owned - 1 "
                            + "where owner_id = ? and servers_owned > 0", ownerId);
    }
}
