package io.parley.query.dialog;

import io.parley.api.dialog.DialogMessagePosted;
import io.parley.api.dialog.DialogPage;
import io.parley.api.dialog.DialogStarted;
import io.parley.api.dialog.DialogSummaries;
import io.parley.api.dialog.DialogSummary;
import io.parley.api.dialog.DialogView;
import io.parley.api.dialog.FindDialog;
import io.parley.api.dialog.FindDialogs;
import io.parley.api.dialog.LoadDialogs;
import io.parley.api.user.UserView;
import io.parley.query.batching.BatchingWriter;
import io.parley.query.batching.PendingWrites;
import io.parley.query.support.Micros;
import io.parley.query.support.Pages;
import io.parley.query.support.Positions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The dialogs read model: who takes part, and when each dialog last saw activity. */
@Component
@ProcessingGroup("projections")
public class DialogListProjection {

    private final DialogEntryRepository dialogs;
    private final DialogParticipantRepository participants;
    private final DialogMessageRepository messages;
    private final UnreadMessageRepository unread;
    private final DialogMessageViews views;
    private final JdbcTemplate jdbc;
    private final PendingWrites<Map<Long, Long>> latestActivity;

    public DialogListProjection(DialogEntryRepository dialogs, DialogParticipantRepository participants,
                                DialogMessageRepository messages, UnreadMessageRepository unread,
                                DialogMessageViews views, JdbcTemplate jdbc, BatchingWriter writer) {
        this.dialogs = dialogs;
        this.participants = participants;
        this.messages = messages;
        this.unread = unread;
        this.views = views;
        this.jdbc = jdbc;
        this.latestActivity = writer.pendingWrites(Set.of("dialog_view"), HashMap::new, latest -> jdbc.batchUpdate(
                "update dialog_view set last_activity_position = ? where id = ? and last_activity_position < ?",
                latest.entrySet().stream().map(e -> new Object[]{e.getValue(), e.getKey(), e.getValue()}).toList()));
    }

    /**
     * {@code dialog_view} is written with plain SQL only, so no row of it ever waits unflushed in the
     * entity manager while the activity update below runs in the same batch.
     */
    @EventHandler
    void on(DialogStarted event, TrackingToken token) {
        jdbc.update("insert into dialog_view (id, started_at, last_activity_position) values (?, ?, ?)",
                    event.dialogId(), OffsetDateTime.ofInstant(Micros.of(event.at()), ZoneOffset.UTC), Positions.of(token));
        participants.saveAll(event.participantIds().stream()
                                  .map(user -> new DialogParticipantEntry(event.dialogId(), user))
                                  .toList());
    }

    /**
     * Every message passes here, and a batch holds many messages of few dialogs: the batch keeps each
     * dialog's newest position and writes them all in one statement batch just before it commits.
     */
    @EventHandler
    void on(DialogMessagePosted event, TrackingToken token) {
        latestActivity.pending().merge(event.dialogId(), Positions.of(token), Math::max);
    }

    @ResetHandler
    void reset() {
        participants.deleteAllInBatch();
        dialogs.deleteAllInBatch();
    }

    @QueryHandler
    public DialogSummary handle(FindDialog query) {
        List<Long> users = participants.findByDialogId(query.dialogId()).stream()
                                       .map(DialogParticipantEntry::getUserId).toList();
        return users.isEmpty() ? null : new DialogSummary(query.dialogId(), users);
    }

    @QueryHandler
    public DialogSummaries handle(FindDialogs query) {
        Map<Long, List<Long>> members = participants.findByDialogIdIn(List.copyOf(query.dialogIds())).stream().collect(
                Collectors.groupingBy(DialogParticipantEntry::getDialogId,
                                      Collectors.mapping(DialogParticipantEntry::getUserId, Collectors.toList())));
        return new DialogSummaries(members.entrySet().stream()
                                          .map(e -> new DialogSummary(e.getKey(), e.getValue())).toList());
    }

    @QueryHandler
    public DialogPage handle(LoadDialogs query) {
        Page<DialogEntry> page = dialogs.findByParticipant(
                query.userId(), Pages.of(query.limit(), query.offset(),
                                         Sort.by(Sort.Order.desc("lastActivityPosition"), Sort.Order.desc("id"))));
        List<Long> ids = page.getContent().stream().map(DialogEntry::getId).toList();
        if (ids.isEmpty()) {
            return new DialogPage(List.of(), page.getTotalElements());
        }
        Map<Long, List<Long>> members = participants.findByDialogIdIn(ids).stream().collect(
                Collectors.groupingBy(p -> p.getDialogId(), Collectors.mapping(DialogParticipantEntry::getUserId,
                                                                              Collectors.toList())));
        Map<Long, UserView> profiles = views.profiles(
                members.values().stream().flatMap(List::stream).collect(Collectors.toSet()));
        Map<Long, Long> unreadCounts = new HashMap<>();
        for (Object[] row : unread.countByDialog(query.userId(), ids)) {
            unreadCounts.put((Long) row[0], (Long) row[1]);
        }
        List<DialogView> items = ids.stream().map(id -> {
            List<Long> users = members.getOrDefault(id, List.of());
            var last = messages.findFirstByDialogIdAndDeletedFalseOrderByPositionDesc(id);
            long other = messages.findFirstByDialogIdAndAuthorIdNotAndDeletedFalseOrderByPositionDesc(id, query.userId())
                                 .map(DialogMessageEntry::getAuthorId)
                                 .orElseGet(() -> users.stream().filter(u -> u != query.userId()).findFirst()
                                                       .orElse(query.userId()));
            return new DialogView(id, users.stream().map(profiles::get).toList(), profiles.get(other),
                                  last.map(views::view).orElse(null), unreadCounts.getOrDefault(id, 0L));
        }).toList();
        return new DialogPage(items, page.getTotalElements());
    }
}
