package io.parley.gateway.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.api.Limits;
import io.parley.api.server.ChannelList;
import io.parley.api.server.ChannelMessagePage;
import io.parley.api.server.ChannelMessageView;
import io.parley.api.server.ChannelType;
import io.parley.api.server.ChannelView;
import io.parley.api.server.CreateChannel;
import io.parley.api.server.DeleteChannel;
import io.parley.api.server.DeleteChannelMessage;
import io.parley.api.server.EditChannel;
import io.parley.api.server.EditChannelMessage;
import io.parley.api.server.FindChannelMessage;
import io.parley.api.server.LoadChannelMessages;
import io.parley.api.server.LoadChannels;
import io.parley.api.server.PostChannelMessage;
import io.parley.realtime.api.ApiError;
import io.parley.gateway.Sides;
import io.parley.gateway.IdAllocator;
import io.parley.realtime.api.SocketRequest;
import io.parley.realtime.api.SocketRequestHandler;
import io.parley.realtime.api.SocketRequests;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;


/**
 * The channels.* requests of the servers API: channels, their messages, a message's history.
 * Like {@link ServerRequests}, a write naming a server or message the read model does not know is
 * answered not_found before any command is sent.
 */
@Component
public class ChannelRequests implements SocketRequests {

    private final Sides sides;
    private final IdAllocator ids;
    private final ServerReads reads;
    private final ServerJson json;
    private final ChannelMessageHistory histories;

    public ChannelRequests(Sides sides, IdAllocator ids, ServerReads reads, ServerJson json,
                           ChannelMessageHistory histories) {
        this.sides = sides;
        this.ids = ids;
        this.reads = reads;
        this.json = json;
        this.histories = histories;
    }

    @Override
    public Map<String, SocketRequestHandler> handlers() {
        return Map.of("channels.load", this::load,
                      "channels.create", this::create,
                      "channels.edit", this::edit,
                      "channels.delete", this::delete,
                      "channels.messages.load", this::loadMessages,
                      "channels.messages.create", this::createMessage,
                      "channels.messages.edit", this::editMessage,
                      "channels.messages.delete", this::deleteMessage,
                      "channels.messages.history", this::history);
    }

    /** Every channel at once (a server has at most 50): meta says limit 50, offset 0. */
    private ObjectNode load(SocketRequest request) {
        long serverId = request.id("server_id");
        reads.ofMember(serverId, request.userId());
        ChannelList channels = sides.query(new LoadChannels(serverId), ChannelList.class);
        List<?> items = channels.items().stream().map(json::channel).toList();
        return request.page(items, Limits.CHANNELS_PER_SERVER_MAX, 0, channels.items().size());
    }

    private ObjectNode create(SocketRequest request) {
        long serverId = request.id("server_id");
        String name = request.text("name");
        Integer type = request.optionalInt("type", ChannelType.TEXT, ChannelType.VOICE);
        reads.server(serverId);
        long channelId = ids.next();
        sides.send(
                new CreateChannel(serverId, channelId, request.userId(), name, type == null ? ChannelType.TEXT : type));
        return request.reply(json.channel(reads.channel(channelId)));
    }

    private ObjectNode edit(SocketRequest request) {
        long serverId = request.id("server_id");
        long channelId = request.id("channel_id");
        String name = request.optionalText("name");
        Integer type = request.optionalInt("type", ChannelType.TEXT, ChannelType.VOICE);
        if (name == null && type == null) {
            throw ApiError.badRequest("give name or type");
        }
        reads.server(serverId);
        sides.send(new EditChannel(serverId, channelId, request.userId(), name, type));
        return request.reply(json.channel(reads.channel(channelId)));
    }

    private ObjectNode delete(SocketRequest request) {
        long serverId = request.id("server_id");
        long channelId = request.id("channel_id");
        reads.server(serverId);
        sides.send(new DeleteChannel(serverId, channelId, request.userId()));
        return request.reply(new ServerJson.ChannelDeleted(channelId, serverId));
    }

    private ObjectNode loadMessages(SocketRequest request) {
        long channelId = request.id("channel_id");
        int limit = request.limit();
        int offset = request.offset();
        Long before = request.optionalId("before");
        Long after = request.optionalId("after");
        ChannelView channel = reads.channel(channelId);
        reads.ofMember(channel.serverId(), request.userId());
        requireCursorIn(channelId, "before", before);
        requireCursorIn(channelId, "after", after);
        ChannelMessagePage page = sides.query(new LoadChannelMessages(channelId, limit, offset, before, after),
                                                 ChannelMessagePage.class);
        List<?> items = page.items().stream().map(json::message).toList();
        return request.page(items, limit, offset, page.total());
    }

    /** A cursor must be a message of this channel (deleted ones too: a client may hold one). */
    private void requireCursorIn(long channelId, String name, Long messageId) {
        if (messageId == null) {
            return;
        }
        ChannelMessageView cursor = sides.query(new FindChannelMessage(messageId), ChannelMessageView.class);
        if (cursor == null || cursor.channelId() != channelId) {
            throw ApiError.notFound(name + " is no message of this channel");
        }
    }

    private ObjectNode createMessage(SocketRequest request) {
        long channelId = request.id("channel_id");
        String text = request.text("text");
        String nonce = request.optionalText("nonce");
        ChannelView channel = reads.channel(channelId);
        Sides.Written written = sides.send(
                new PostChannelMessage(channel.serverId(), channelId, ids.next(), request.userId(), text, nonce));
        // A repeated nonce answers the first message's id and stores nothing.
        long posted = ((Number) written.result()).longValue();
        return request.reply(json.message(message(posted)));
    }

    private ObjectNode editMessage(SocketRequest request) {
        long messageId = request.id("message_id");
        String text = request.text("text");
        message(messageId);
        sides.send(new EditChannelMessage(messageId, request.userId(), text));
        ChannelMessageView message = message(messageId);
        return request.reply(json.messageEdited(message.id(), message.channelId(), message.serverId(),
                                                message.text(), message.edited()));
    }

    private ObjectNode deleteMessage(SocketRequest request) {
        long messageId = request.id("message_id");
        ChannelMessageView message = message(messageId);
        sides.send(new DeleteChannelMessage(messageId, request.userId()));
        return request.reply(new ServerJson.MessageDeleted(message.id(), message.channelId(), message.serverId()));
    }

    private ObjectNode history(SocketRequest request) {
        long messageId = request.id("message_id");
        return request.reply(histories.allowed(messageId, request.claims()));
    }

    private ChannelMessageView message(long messageId) {
        ChannelMessageView message = sides.query(new FindChannelMessage(messageId), ChannelMessageView.class);
        if (message == null) {
            throw ApiError.notFound("message not found");
        }
        return message;
    }
}
