package io.parley.query.user;

import io.parley.api.user.UserView;
import io.parley.query.support.InClause;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Profiles read straight from {@code user_view}: every message view and every email needs its author's. */
@Component
public class UserProfiles {

    private static final String SELECT =
            "select id, username, email, first_name, last_name, avatar, email_notifications from user_view where id ";
    private static final RowMapper<UserView> VIEW = (rs, row) -> profile(rs, rs.getLong("id"));

    private final JdbcTemplate jdbc;

    public UserProfiles(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The profile in a row that has {@code user_view}'s columns under their own names; the id is given
     * apart, since a query joining {@code user_view} to another table has that table's {@code id}.
     */
    public static UserView profile(ResultSet rs, long userId) throws SQLException {
        return new UserView(userId, rs.getString("username"), rs.getString("email"), rs.getString("first_name"),
                            rs.getString("last_name"), rs.getString("avatar"), rs.getBoolean("email_notifications"));
    }

    /** The profile, or null when there is no such user. */
    public UserView find(long userId) {
        List<UserView> found = jdbc.query(SELECT + "= ?", VIEW, userId);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The profiles of those of these users who exist, by id. */
    public Map<Long, UserView> find(Collection<Long> userIds) {
        Map<Long, UserView> found = new HashMap<>();
        for (List<Long> chunk : InClause.chunks(userIds)) {
            jdbc.query(SELECT + "in " + InClause.markers(chunk), VIEW, chunk.toArray())
                .forEach(user -> found.put(user.id(), user));
        }
        return found;
    }
}
