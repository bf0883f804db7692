package io.parley.notifications;

import io.parley.eventstore.StorePositions;
import io.parley.api.dialog.DialogMessagePosted;
import io.parley.api.dialog.DialogMessageView;
import io.parley.api.dialog.DialogMessageList;
import io.parley.api.dialog.FindDialogMessages;
import io.parley.api.user.FindUsers;
import io.parley.api.user.UserList;
import io.parley.api.user.UserView;
import io.parley.processing.ProjectionProgress;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import static java.util.stream.Collectors.toSet;

/**
 * Queues one email per dialog message for each other participant who has notifications on. It runs in
 * its own processor whose position is stored with the queued rows in one transaction: every message is
 * queued exactly once, also across restarts, and never again on a replay.
 */
@Component
@ProcessingGroup(DialogEmailNotifier.PROCESSOR)
@DisallowReplay
public class DialogEmailNotifier {

    public static final String PROCESSOR = "dialog-email";
    private static final String PENDING = DialogEmailNotifier.class.getName() + ".pending";

    /** How long a batch waits for the read models before it fails (and is retried). */
    private static final Duration READ_MODELS_WAIT = Duration.ofSeconds(10);

    private final ProjectionProgress readModels;
    private final QueryGateway queries;
    private final EmailOutbox outbox;
    private final EmailSender sender;
    private final DialogLinks links;

    public DialogEmailNotifier(ProjectionProgress readModels, QueryGateway queries, EmailOutbox outbox,
                               EmailSender sender, DialogLinks links) {
        this.readModels = readModels;
        this.queries = queries;
        this.outbox = outbox;
        this.sender = sender;
        this.links = links;
    }

    @EventHandler
    void on(DialogMessagePosted event, TrackingToken token) {
        postedInThisBatch().add(new Posted(event, StorePositions.of(token)));
    }

    private record Posted(DialogMessagePosted event, long position) {
    }

    /**
     * The messages posted in the processor's current batch. They are queued together just before the batch
     * commits: a batch costs one read of its messages, one of its recipients and one statement batch of
     * mails, in the transaction that stores the processor's position.
     */
    private List<Posted> postedInThisBatch() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING, key -> {
            List<Posted> posted = new ArrayList<>();
            batch.onPrepareCommit(u -> queue(posted));
            batch.afterCommit(u -> sender.wakeUp());
            return posted;
        });
    }

    private void queue(List<Posted> posted) {
        if (posted.isEmpty()) {
            return;
        }
        // The mail shows the message as the read model has it (Markdown rendered, the author's name).
        long last = posted.stream().mapToLong(Posted::position).max().orElseThrow();
        try {
            if (!readModels.awaitProcessed(last, READ_MODELS_WAIT)) {
                throw new IllegalStateException("the read models did not reach position " + last + " in "
                                                + READ_MODELS_WAIT + "; the batch is tried again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the read models", e);
        }
        Map<Long, DialogMessageView> messages = new HashMap<>();
        query(new FindDialogMessages(posted.stream().map(p -> p.event().messageId()).collect(toSet())),
              DialogMessageList.class).messages().forEach(m -> messages.put(m.id(), m));
        Set<Long> recipientIds = new HashSet<>();
        posted.forEach(p -> recipientIds.addAll(p.event().participantIds()));
        Map<Long, UserView> recipients = new HashMap<>();
        query(new FindUsers(recipientIds), UserList.class).users().forEach(u -> recipients.put(u.id(), u));

        List<EmailOutbox.NewMail> mails = new ArrayList<>();
        for (Posted p : posted) {
            DialogMessageView message = messages.get(p.event().messageId());
            if (message == null) {
                continue;
            }
            String author = displayName(message.user());
            for (long participant : p.event().participantIds()) {
                UserView recipient = recipients.get(participant);
                if (participant == p.event().authorId() || recipient == null || !recipient.emailNotifications()
                        || recipient.email() == null || recipient.email().isBlank()) {
                    continue;
                }
                mails.add(new EmailOutbox.NewMail(message.id(), participant, recipient.email(),
                                                  "New message from " + author, html(author, message),
                                                  text(author, message)));
            }
        }
        outbox.enqueue(mails);
    }

    private <R> R query(Object query, Class<R> resultType) {
        try {
            return queries.query(query, ResponseTypes.instanceOf(resultType)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the read models", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading the read models failed", e.getCause());
        }
    }

    private String html(String sender, DialogMessageView message) {
        StringBuilder html = new StringBuilder("<p><strong>").append(HtmlUtils.htmlEscape(sender))
                                                             .append("</strong> wrote:</p>\n")
                                                             .append(message.bodyHtml());
        String link = links.dialog(message.dialogId());
        if (link != null) {
            html.append("<p><a href=\"").append(HtmlUtils.htmlEscape(link))
                .append("\">Open the dialog</a></p>\n");
        }
        return html.toString();
    }

    private String text(String sender, DialogMessageView message) {
        String text = sender + " wrote:\n\n" + message.body() + "\n";
        String link = links.dialog(message.dialogId());
        return link != null ? text + "\nOpen the dialog: " + link + "\n" : text;
    }

    static String displayName(UserView user) {
        String first = user.firstName() == null ? "" : user.firstName().trim();
        String last = user.lastName() == null ? "" : user.lastName().trim();
        String full = (first + " " + last).trim();
        return full.isEmpty() ? user.username() : full;
    }
}
