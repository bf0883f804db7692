package io.parley.gateway.mail;

import io.parley.api.dialog.DialogMessagePosted;
import io.parley.api.dialog.DialogMessageView;
import io.parley.api.dialog.DialogMessageList;
import io.parley.api.dialog.FindDialogMessages;
import io.parley.api.user.FindUsers;
import io.parley.api.user.UserList;
import io.parley.api.user.UserView;
import io.parley.gateway.Commands;
import io.parley.gateway.PublicUrls;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    private final Commands commands;
    private final EmailOutbox outbox;
    private final EmailSender sender;
    private final PublicUrls urls;

    public DialogEmailNotifier(Commands commands, EmailOutbox outbox, EmailSender sender, PublicUrls urls) {
        this.commands = commands;
        this.outbox = outbox;
        this.sender = sender;
        this.urls = urls;
    }

    @EventHandler
    void on(DialogMessagePosted event, TrackingToken token) {
        postedInThisBatch().add(new Posted(event, token.position().orElseThrow()));
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
        commands.awaitVisible(posted.stream().mapToLong(Posted::position).max().orElseThrow());
        Map<Long, DialogMessageView> messages = new HashMap<>();
        commands.query(new FindDialogMessages(posted.stream().map(p -> p.event().messageId()).collect(toSet())),
                       DialogMessageList.class).messages().forEach(m -> messages.put(m.id(), m));
        Set<Long> recipientIds = new HashSet<>();
        posted.forEach(p -> recipientIds.addAll(p.event().participantIds()));
        Map<Long, UserView> recipients = new HashMap<>();
        commands.query(new FindUsers(recipientIds), UserList.class).users().forEach(u -> recipients.put(u.id(), u));

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

    private String html(String sender, DialogMessageView message) {
        StringBuilder html = new StringBuilder("<p><strong>").append(HtmlUtils.htmlEscape(sender))
                                                             .append("</strong> wrote:</p>\n")
                                                             .append(message.bodyHtml());
        if (urls.isSet()) {
            html.append("<p><a href=\"").append(HtmlUtils.htmlEscape(urls.dialog(message.dialogId())))
                .append("\">Open the dialog</a></p>\n");
        }
        return html.toString();
    }

    private String text(String sender, DialogMessageView message) {
        String text = sender + " wrote:\n\n" + message.body() + "\n";
        return urls.isSet() ? text + "\nOpen the dialog: " + urls.dialog(message.dialogId()) + "\n" : text;
    }

    static String displayName(UserView user) {
        String first = user.firstName() == null ? "" : user.firstName().trim();
        String last = user.lastName() == null ? "" : user.lastName().trim();
        String full = (first + " " + last).trim();
        return full.isEmpty() ? user.username() : full;
    }
}
