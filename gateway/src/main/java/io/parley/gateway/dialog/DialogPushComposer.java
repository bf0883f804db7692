package io.parley.gateway.dialog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.api.dialog.DialogMessageDeleted;
import io.parley.api.dialog.DialogMessageEdited;
import io.parley.api.dialog.DialogMessageList;
import io.parley.api.dialog.DialogMessagePosted;
import io.parley.api.dialog.DialogMessageSeen;
import io.parley.api.dialog.DialogMessageView;
import io.parley.api.dialog.DialogSummaries;
import io.parley.api.dialog.DialogSummary;
import io.parley.api.dialog.FindDialogMessages;
import io.parley.api.dialog.FindDialogs;
import io.parley.api.dialog.FindUnreadCountChangesBetween;
import io.parley.api.dialog.UnreadCountChangesBetween;
import io.parley.gateway.Sides;
import io.parley.realtime.api.Push;
import io.parley.realtime.api.PushComposer;
import io.parley.realtime.api.Origin;
import io.parley.realtime.api.PushCursor;
import io.parley.realtime.api.StoredEvent;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pushes of the dialogs API: the message (created, seen, edited, deleted) to the participants,
 * then {@code notifications.dialogs.count} to each participant whose count the event changed.
 * <p>
 * Live pushes and catch-ups build their frames with the same code; they differ only in how they read
 * the read models ({@link Reads}): per batch of events for everyone, or for one user.
 */
@Component
public class DialogPushComposer implements PushComposer {

    /** The events with pushes of this API: one case each in {@link #compose(EventMessage, long, Reads)}. */
    private static final Set<Class<?>> PUSHED = Set.of(
            DialogMessagePosted.class, DialogMessageSeen.class, DialogMessageEdited.class, DialogMessageDeleted.class);

    private final Sides sides;
    private final DialogJson json;
    private final ObjectMapper mapper;
    private final PostedMessageReplies replies;
    /** Messages the live batches read, for the posts waiting for them, until {@link #delivered}. */
    private final List<DialogMessageView> shownBeforeDelivery = new ArrayList<>();

    public DialogPushComposer(Sides sides, DialogJson json, ObjectMapper mapper, PostedMessageReplies replies) {
        this.sides = sides;
        this.json = json;
        this.mapper = mapper;
        this.replies = replies;
    }

    @Override
    public Set<Class<?>> pushedEvents() {
        return PUSHED;
    }

    @Override
    public List<Push> compose(EventMessage<?> event, long position) {
        return new LiveBatchReads(List.of(new StoredEvent(event, position)), false).compose();
    }

    /** The push stream's thread only: the messages it read wait in {@code shownBeforeDelivery}. */
    @Override
    public List<Push> composeLive(List<StoredEvent> batch) {
        return new LiveBatchReads(batch, true).compose();
    }

    /**
     * The posts waiting for messages of the delivered batches get them now: after the other participants'
     * pushes, so that answering the posts (their replies are composed and sent on this thread) does not
     * hold those up.
     */
    @Override
    public void delivered() {
        try {
            replies.shown(shownBeforeDelivery);
        } finally {
            shownBeforeDelivery.clear();
        }
    }

    @Override
    public CatchUp catchUp(long userId, long fromPosition, long upTo) {
        return new CatchUpReads(userId);
    }

    /**
     * The event's pushes: its message push first (index 0), then the count pushes, each at index 1 + the
     * rank of its user among the dialog's participants by id, so a count push has the same cursor live
     * and in a catch-up, which reads only its own user's count. The message push answers the request
     * that caused it on the socket that sent it ({@link Push#replyTo}).
     */
    private List<Push> compose(EventMessage<?> event, long position, Reads reads) {
        Object payload = event.getPayload();
        Origin origin = Origin.of(event);
        long seq = PushCursor.of(position, 0);
        List<Push> pushes = new ArrayList<>();
        if (payload instanceof DialogMessagePosted posted) {
            reads.message(posted.messageId()).ifPresent(m -> pushes.add(
                    new Push(posted.participantIds(), frame("dialogs.messages.create", json.message(m), seq).toString(),
                             seq, origin)));
            pushes.addAll(countChanges(position, posted.participantIds(), reads));
        } else if (payload instanceof DialogMessageSeen seen) {
            Collection<Long> participants = reads.participants(seen.dialogId());
            reads.message(seen.messageId()).ifPresent(m -> {
                ObjectNode frame = frame("dialogs.messages.seen", json.message(m), seq);
                frame.put("user", seen.readerId());
                pushes.add(new Push(participants, frame.toString(), seq, origin));
            });
            pushes.addAll(countChanges(position, participants, reads));
        } else if (payload instanceof DialogMessageEdited edited) {
            reads.message(edited.messageId()).ifPresent(m -> pushes.add(
                    new Push(reads.participants(edited.dialogId()),
                             frame("dialogs.messages.edit", json.message(m), seq).toString(), seq, origin)));
        } else if (payload instanceof DialogMessageDeleted deleted) {
            Collection<Long> participants = reads.participants(deleted.dialogId());
            pushes.add(new Push(participants, frame("dialogs.messages.delete",
                                                    new DialogJson.MessageDeleted(deleted.messageId(),
                                                                                  deleted.dialogId()), seq)
                    .toString(), seq, origin));
            pushes.addAll(countChanges(position, participants, reads));
        }
        return pushes;
    }

    /** notifications.dialogs.count to every socket of each user whose count this event changed. */
    private List<Push> countChanges(long position, Collection<Long> participants, Reads reads) {
        List<UnreadCountChangesBetween.Change> changes = reads.countChanges(position);
        if (changes.isEmpty()) {
            return List.of();
        }
        List<Long> ranked = participants.stream().sorted().toList();
        List<Push> pushes = new ArrayList<>(changes.size());
        for (UnreadCountChangesBetween.Change change : changes) {
            int rank = ranked.indexOf(change.userId());
            if (rank < 0) {
                throw new IllegalStateException("user " + change.userId() + "'s count changed at " + position
                                                + ", but they are no participant of the dialog");
            }
            long seq = PushCursor.of(position, 1 + rank);
            pushes.add(new Push(List.of(change.userId()),
                                frame("notifications.dialogs.count", IntNode.valueOf(change.count()), seq).toString(),
                                seq, null));
        }
        pushes.sort(Comparator.comparingLong(Push::seq));
        return pushes;
    }

    /** {@code data} is a response record or a JSON node, written by Jackson with the frame. */
    private ObjectNode frame(String event, Object data, long seq) {
        ObjectNode frame = mapper.createObjectNode();
        frame.put("type", "ws_send");
        frame.put("event", event);
        frame.putPOJO("data", data);
        frame.put("seq", seq);
        return frame;
    }

    /** What composing reads from the read models. */
    private interface Reads {

        Optional<DialogMessageView> message(long messageId);

        /** The dialog's participants; none for an unknown dialog. */
        Collection<Long> participants(long dialogId);

        /** Whose unread-dialogs count the event at this position changed, and to what. */
        List<UnreadCountChangesBetween.Change> countChanges(long position);
    }

    /** Reads answered from what was loaded for a batch of events beforehand. */
    private abstract class LoadedReads implements Reads {

        final Map<Long, DialogMessageView> messages = new HashMap<>();
        final Map<Long, Collection<Long>> participants = new HashMap<>();

        /** One query for every count change by the batch's events. */
        List<UnreadCountChangesBetween.Change> readCountChanges(List<StoredEvent> batch) {
            return sides.query(new FindUnreadCountChangesBetween(batch.get(0).position(), batch.get(batch.size() - 1).position()),
                                  UnreadCountChangesBetween.class).changes();
        }

        /** One query for these messages; the messages of an earlier batch are dropped. */
        void loadMessages(Set<Long> messageIds) {
            messages.clear();
            if (!messageIds.isEmpty()) {
                sides.query(new FindDialogMessages(messageIds), DialogMessageList.class).messages()
                        .forEach(m -> messages.put(m.id(), m));
            }
        }

        /** One query for the participants of these dialogs (an unknown dialog has none). */
        void loadParticipants(Set<Long> dialogIds) {
            if (dialogIds.isEmpty()) {
                return;
            }
            for (DialogSummary dialog : sides.query(new FindDialogs(dialogIds), DialogSummaries.class).dialogs()) {
                participants.put(dialog.id(), dialog.participantIds());
            }
            dialogIds.forEach(dialogId -> participants.putIfAbsent(dialogId, List.of()));
        }

        @Override
        public Optional<DialogMessageView> message(long messageId) {
            return Optional.ofNullable(messages.get(messageId));
        }

        @Override
        public Collection<Long> participants(long dialogId) {
            return participants.getOrDefault(dialogId, List.of());
        }
    }

    /**
     * Live pushes of a batch of events, for everyone: one query for the batch's messages, one for the
     * participants of its dialogs (where the event does not carry them), one for every count change in
     * the batch's range of positions.
     */
    private final class LiveBatchReads extends LoadedReads {

        private final List<StoredEvent> batch;
        private final Map<Long, List<UnreadCountChangesBetween.Change>> counts = new HashMap<>();

        private final boolean live;

        LiveBatchReads(List<StoredEvent> batch, boolean live) {
            this.batch = batch;
            this.live = live;
        }

        List<Push> compose() {
            Set<Long> messageIds = new HashSet<>();
            Set<Long> dialogIds = new HashSet<>();
            boolean countsChange = false;
            for (StoredEvent event : batch) {
                Object payload = event.payload();
                Long messageId = shownMessage(payload);
                if (messageId != null) {
                    messageIds.add(messageId);
                }
                Long dialogId = dialogToLookUp(payload);
                if (dialogId != null) {
                    dialogIds.add(dialogId);
                }
                countsChange |= changesCounts(payload);
            }
            loadMessages(messageIds);
            if (live) {
                shownBeforeDelivery.addAll(messages.values());
            } else {
                replies.shown(messages.values());
            }
            loadParticipants(dialogIds);
            if (countsChange) {
                readCountChanges(batch).forEach(c -> counts.computeIfAbsent(c.position(), p -> new ArrayList<>()).add(c));
            }
            List<Push> pushes = new ArrayList<>();
            for (StoredEvent event : batch) {
                pushes.addAll(DialogPushComposer.this.compose(event.message(), event.position(), this));
            }
            return pushes;
        }

        @Override
        public List<UnreadCountChangesBetween.Change> countChanges(long position) {
            return counts.getOrDefault(position, List.of());
        }
    }

    /**
     * A catch-up of one user: per batch, one query for the participants of dialogs not seen before, one
     * for the messages whose pushes reach the user, one for the user's count changes in the batch's
     * range. It answers only for this user (the other participants' counts are not read), which is all
     * the catch-up sends. Participants are kept for the whole catch-up: a dialog's participants never
     * change once it has started.
     */
    private final class CatchUpReads extends LoadedReads implements CatchUp {

        private final long userId;
        /** The user's new count by the position of the event that changed it, in the current batch. */
        private final Map<Long, Integer> counts = new HashMap<>();

        CatchUpReads(long userId) {
            this.userId = userId;
        }

        @Override
        public List<Push> compose(List<StoredEvent> batch) {
            Set<Long> unknownDialogs = new HashSet<>();
            for (StoredEvent event : batch) {
                Long dialogId = dialogToLookUp(event.payload());
                if (dialogId != null && !participants.containsKey(dialogId)) {
                    unknownDialogs.add(dialogId);
                }
            }
            loadParticipants(unknownDialogs);
            // The positions of the events whose message push reaches the user, and the messages those show.
            Set<Long> reaching = new HashSet<>();
            Set<Long> messageIds = new HashSet<>();
            boolean countsChange = false;
            for (StoredEvent event : batch) {
                Object payload = event.payload();
                Collection<Long> audience = audience(payload);
                if (audience != null && audience.contains(userId)) {
                    reaching.add(event.position());
                    Long messageId = shownMessage(payload);
                    if (messageId != null) {
                        messageIds.add(messageId);
                    }
                }
                countsChange |= changesCounts(payload);
            }
            loadMessages(messageIds);
            counts.clear();
            if (countsChange) {
                // Every user's changes in the range: a few rows per batch, this user's kept.
                readCountChanges(batch).stream().filter(c -> c.userId() == userId)
                                       .forEach(c -> counts.put(c.position(), c.count()));
            }
            List<Push> pushes = new ArrayList<>();
            for (StoredEvent event : batch) {
                // Anything else an event pushes goes to other users: such events are not composed at all.
                if (!reaching.contains(event.position()) && !counts.containsKey(event.position())) {
                    continue;
                }
                for (Push push : DialogPushComposer.this.compose(event.message(), event.position(), this)) {
                    if (push.userIds().contains(userId)) {
                        pushes.add(push);
                    }
                }
            }
            return pushes;
        }

        /** Who gets the event's message push (null: no push of this API). */
        private Collection<Long> audience(Object payload) {
            if (payload instanceof DialogMessagePosted posted) {
                return posted.participantIds();
            }
            Long dialogId = dialogToLookUp(payload);
            return dialogId == null ? null : participants(dialogId);
        }

        @Override
        public List<UnreadCountChangesBetween.Change> countChanges(long position) {
            Integer count = counts.get(position);
            return count == null ? List.of() : List.of(new UnreadCountChangesBetween.Change(position, userId, count));
        }
    }

    /** Whether the event may change someone's unread-dialogs count. */
    private static boolean changesCounts(Object payload) {
        return payload instanceof DialogMessagePosted || payload instanceof DialogMessageSeen
                || payload instanceof DialogMessageDeleted;
    }

    /** The dialog whose participants receive this event's push, where the event does not carry them. */
    private static Long dialogToLookUp(Object payload) {
        if (payload instanceof DialogMessageSeen seen) {
            return seen.dialogId();
        }
        if (payload instanceof DialogMessageEdited edited) {
            return edited.dialogId();
        }
        if (payload instanceof DialogMessageDeleted deleted) {
            return deleted.dialogId();
        }
        return null;
    }

    /** The message this event's push shows (null: the push is made from the event alone, or none). */
    private static Long shownMessage(Object payload) {
        if (payload instanceof DialogMessagePosted posted) {
            return posted.messageId();
        }
        if (payload instanceof DialogMessageSeen seen) {
            return seen.messageId();
        }
        if (payload instanceof DialogMessageEdited edited) {
            return edited.messageId();
        }
        return null;
    }
}
