package io.parley.query.dialog;

import io.parley.api.dialog.DialogMessageView;
import io.parley.api.dialog.FileView;
import io.parley.api.user.UserView;
import io.parley.query.support.InClause;
import io.parley.query.file.FileEntryRepository;
import io.parley.query.user.UserProfiles;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns message rows into views, with each author's profile looked up once per call. A message read
 * by id (the reply to a post, its push, its email) is read with plain SQL, its author joined in: every
 * message passes here three times.
 */
@Component
public class DialogMessageViews {

    /** A message row with its author's profile: a read by id costs one statement. */
    private static final String SELECT_WITH_AUTHOR = """
            select m.id, m.dialog_id, m.author_id, m.body, m.body_html, m.file_id, m.created_at, m.read_at, m.position,
                   u.username, u.email, u.first_name, u.last_name, u.avatar, u.email_notifications
            from dialog_message_view m left join user_view u on u.id = m.author_id where m.id\s""";
    private static final RowMapper<Row> ROW = (rs, n) -> new Row(
            rs.getLong("id"), rs.getLong("dialog_id"), rs.getLong("author_id"), rs.getString("body"),
            rs.getString("body_html"), (Long) rs.getObject("file_id", Long.class), instant(rs, "created_at"),
            instant(rs, "read_at"), rs.getLong("position"));
    private static final RowMapper<AuthoredRow> AUTHORED_ROW = (rs, n) -> {
        Row row = ROW.mapRow(rs, n);
        // No user_view row (the left join found none): the username, never null in the table, is null.
        UserView author = rs.getString("username") == null ? null : UserProfiles.profile(rs, row.authorId());
        return new AuthoredRow(row, author);
    };

    private final JdbcTemplate jdbc;
    private final UserProfiles users;
    private final FileEntryRepository files;

    public DialogMessageViews(JdbcTemplate jdbc, UserProfiles users, FileEntryRepository files) {
        this.jdbc = jdbc;
        this.users = users;
        this.files = files;
    }

    /** What a view is made of: a {@code dialog_message_view} row. */
    record Row(long id, long dialogId, long authorId, String body, String bodyHtml, Long fileId, Instant createdAt,
               Instant readAt, long position) {

        static Row of(DialogMessageEntry m) {
            return new Row(m.getId(), m.getDialogId(), m.getAuthorId(), m.getBody(), m.getBodyHtml(), m.getFileId(),
                           m.getCreatedAt(), m.getReadAt(), m.getPosition());
        }
    }

    /** A row read by id, with its author's profile (null when the user row is missing). */
    private record AuthoredRow(Row row, UserView author) {
    }

    /** The message, or null when there is none. */
    public DialogMessageView find(long messageId) {
        List<AuthoredRow> rows = jdbc.query(SELECT_WITH_AUTHOR + "= ?", AUTHORED_ROW, messageId);
        return rows.isEmpty() ? null : authoredViews(rows).get(0);
    }

    /** Those of these messages that exist, in no particular order. */
    public List<DialogMessageView> find(Collection<Long> messageIds) {
        List<AuthoredRow> rows = new ArrayList<>();
        for (List<Long> chunk : InClause.chunks(messageIds)) {
            rows.addAll(jdbc.query(SELECT_WITH_AUTHOR + "in " + InClause.markers(chunk), AUTHORED_ROW,
                                   chunk.toArray()));
        }
        return authoredViews(rows);
    }

    private List<DialogMessageView> authoredViews(List<AuthoredRow> rows) {
        Map<Long, UserView> authors = new HashMap<>();
        for (AuthoredRow r : rows) {
            long authorId = r.row().authorId();
            authors.put(authorId, r.author() != null ? r.author() : missingProfile(authorId));
        }
        return viewsOf(rows.stream().map(AuthoredRow::row).toList(), authors);
    }

    public DialogMessageView view(DialogMessageEntry message) {
        return viewsOf(List.of(Row.of(message))).get(0);
    }

    public List<DialogMessageView> views(List<DialogMessageEntry> messages) {
        return viewsOf(messages.stream().map(Row::of).toList());
    }

    public Map<Long, UserView> profiles(Collection<Long> userIds) {
        Map<Long, UserView> found = users.find(userIds);
        for (Long id : userIds) {
            // A user id from an event always exists, but a profile must never be missing from a view.
            found.computeIfAbsent(id, DialogMessageViews::missingProfile);
        }
        return found;
    }

    private static UserView missingProfile(long userId) {
        return new UserView(userId, "user" + userId, null, null, null, null, true);
    }

    private List<DialogMessageView> viewsOf(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        return viewsOf(rows, profiles(rows.stream().map(Row::authorId).collect(Collectors.toSet())));
    }

    private List<DialogMessageView> viewsOf(List<Row> rows, Map<Long, UserView> authors) {
        Set<Long> fileIds = rows.stream().map(Row::fileId).filter(Objects::nonNull).collect(Collectors.toSet());
        Map<Long, FileView> attached = new HashMap<>();
        if (!fileIds.isEmpty()) {
            files.findAllById(fileIds).forEach(f -> attached.put(f.toView().id(), f.toView()));
        }
        return rows.stream()
                   .map(m -> new DialogMessageView(m.id(), m.dialogId(), authors.get(m.authorId()), m.body(),
                                                   m.bodyHtml(), m.fileId() == null ? null : attached.get(m.fileId()),
                                                   m.createdAt(), m.readAt(), m.position()))
                   .toList();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
