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
import io.parley.query.Pages;
import io.parley.query.Positions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    public DialogListProjection(DialogEntryRepository dialogs, DialogParticipantRepository participants,
                                DialogMessageRepository messages, UnreadMessageRepository unread,
                                DialogMessageViews views) {
        this.dialogs = dialogs;
        this.participants = participants;
        this.messages = messages;
        this.unread = unread;
        this.views = views;
    }

    @EventHandler
    void on(DialogStarted event, TrackingToken token) {
        dialogs.save(new DialogEntry(event.dialogId(), event.at(), Positions.of(token)));
        participants.saveAll(event.participantIds().stream()
                                  .map(user -> new DialogParticipantEntry(event.dialogId(), user))
                                  .toList());
    }

    @EventHandler
    void on(DialogMessagePosted event, TrackingToken token) {
        dialogs.findById(event.dialogId()).ifPresent(d -> d.activityAt(Positions.of(token)));
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
