package io.parley.command.server;

import io.parley.api.AggregateIds;
import io.parley.api.Limits;
import io.parley.api.Refusal;
import io.parley.api.server.ChannelMessageDeleted;
import io.parley.api.server.ChannelMessageEdited;
import io.parley.api.server.ChannelMessagePosted;
import io.parley.api.server.DeleteChannelMessage;
import io.parley.api.server.EditChannelMessage;
import io.parley.api.server.PostChannelMessage;
import io.parley.command.Clock;
import io.parley.command.Texts;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One channel message: its stream is the message's whole history (posted, edits, deletion). Who may
 * touch it depends on the server as it is now (members come and go, channels get deleted), so each
 * command asks the server through {@link ServerAccess}.
 */
@Aggregate(commandTargetResolver = "commandTargets")
public class ChannelMessage {

    @AggregateIdentifier
    private String id;
    private long messageId;
    private long channelId;
    private long serverId;
    private long authorId;
    private String text;
    private boolean deleted;

    protected ChannelMessage() {
        // for Axon
    }

    /** Started by {@link Server}, which has checked the author, the channel and the text. */
    ChannelMessage(PostChannelMessage command) {
        apply(new ChannelMessagePosted(command.messageId(), command.channelId(), command.serverId(),
                                       command.authorId(), command.text(), Clock.now()));
    }

    @CommandHandler
    public void handle(EditChannelMessage command, ServerAccess servers) {
        requireVisible(command.editorId(), servers);
        if (command.editorId() != authorId) {
            throw Refusal.forbidden("only the author edits a message");
        }
        Texts.required("text", command.text(), Limits.CHANNEL_MESSAGE_TEXT_MAX);
        if (command.text().equals(text)) {
            return;
        }
        apply(new ChannelMessageEdited(messageId, channelId, serverId, command.editorId(), command.text(),
                                       Clock.now()));
    }

    @CommandHandler
    public void handle(DeleteChannelMessage command, ServerAccess servers) {
        ChannelAccess access = requireVisible(command.deleterId(), servers);
        if (command.deleterId() != authorId && access != ChannelAccess.OWNER) {
            throw Refusal.forbidden("only the author or the server's owner deletes a message");
        }
        apply(new ChannelMessageDeleted(messageId, channelId, serverId, command.deleterId(), Clock.now()));
    }

    /** A deleted message, and to outsiders or once the channel is gone any message, is not found. */
    private ChannelAccess requireVisible(long userId, ServerAccess servers) {
        if (deleted) {
            throw Refusal.notFound("message not found");
        }
        ChannelAccess access = servers.of(serverId, channelId, userId);
        if (access == ChannelAccess.NONE) {
            throw Refusal.notFound("message not found");
        }
        return access;
    }

    @EventSourcingHandler
    void on(ChannelMessagePosted event) {
        id = AggregateIds.channelMessage(event.messageId());
        messageId = event.messageId();
        channelId = event.channelId();
        serverId = event.serverId();
        authorId = event.authorId();
        text = event.text();
    }

    @EventSourcingHandler
    void on(ChannelMessageEdited event) {
        text = event.text();
    }

    @EventSourcingHandler
    void on(ChannelMessageDeleted event) {
        deleted = true;
    }
}
