package io.parley.gateway.mail;

import io.parley.api.dialog.DialogMessagePosted;
import io.parley.api.dialog.DialogMessageView;
import io.parley.api.dialog.FindDialogMessage;
import io.parley.api.user.FindUser;
import io.parley.api.user.UserView;
import io.parley.gateway.Commands;
import io.parley.gateway.PublicUrls;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

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
        commands.awaitVisible(token.position().orElseThrow());
        DialogMessageView message = commands.query(new FindDialogMessage(event.messageId()), DialogMessageView.class);
        if (message == null) {
            return;
        }
        String sender = displayName(message.user());
        for (long participant : event.participantIds()) {
            if (participant == event.authorId()) {
                continue;
            }
            UserView recipient = commands.query(new FindUser(participant), UserView.class);
            if (recipient == null || !recipient.emailNotifications() || recipient.email() == null
                    || recipient.email().isBlank()) {
                continue;
            }
            outbox.enqueue(event.messageId(), participant, recipient.email(), "New message from " + sender,
                           html(sender, message), text(sender, message));
        }
        CurrentUnitOfWork.ifStarted(uow -> uow.afterCommit(u -> this.sender.wakeUp()));
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
