package io.parley.gateway.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.api.server.BanView;
import io.parley.api.server.ChannelMessageView;
import io.parley.api.server.ChannelView;
import io.parley.api.server.InviteView;
import io.parley.api.server.ServerView;
import io.parley.gateway.Json;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * The servers API's JSON: the push payloads (field names exact, as docs/protocol.md lists them) and the
 * replies, which carry the same objects. Times in the servers API's form, {@code 2024-12-04 18:36:14.045681+00}.
 */
@Component
public class ServerJson {

    /** server_edited (id, name and owner), and replies. */
    public record Server(long id, String name, @JsonProperty("owner_id") long ownerId) {
    }

    /** server_deleted, and got_server_owner, where the id is the server's. */
    public record ServerId(long id) {
    }

    /** user_joined and user_left, where the id is the user's. */
    public record Member(long id, @JsonProperty("server_id") long serverId) {
    }

    /** channel_created and channel_edited. */
    public record Channel(long id, String name, @JsonProperty("server_id") long serverId, int type) {
    }

    /** channel_deleted. */
    public record ChannelDeleted(long id, @JsonProperty("server_id") long serverId) {
    }

    /** message_created, and message lists. */
    public record Message(long id, @JsonProperty("author_id") long authorId, @JsonProperty("channel_id") long channelId,
                          @JsonProperty("server_id") long serverId, String text, String sent, String edited) {
    }

    /** message_edited. */
    public record MessageEdited(long id, @JsonProperty("channel_id") long channelId,
                                @JsonProperty("server_id") long serverId, String text, String edited) {
    }

    /** message_deleted. */
    public record MessageDeleted(long id, @JsonProperty("channel_id") long channelId,
                                 @JsonProperty("server_id") long serverId) {
    }

    /** A ban; expires is null for a ban until unbanned. */
    public record Ban(@JsonProperty("user_id") long userId, @JsonProperty("server_id") long serverId, String expires) {
    }

    /** Which ban, as the reply to its deletion. */
    public record BanId(@JsonProperty("user_id") long userId, @JsonProperty("server_id") long serverId) {
    }

    /** An invite; expires is null for an invite until deleted. */
    public record Invite(String code, @JsonProperty("server_id") long serverId, String expires) {
    }

    /** Which invite, as the reply to its deletion. */
    public record InviteId(String code, @JsonProperty("server_id") long serverId) {
    }

    private final ObjectMapper mapper;

    public ServerJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A push: {"name","data","seq"}; data is one of the records above. */
    public String push(String name, Object data, long seq) {
        ObjectNode frame = mapper.createObjectNode();
        frame.put("name", name);
        frame.putPOJO("data", data);
        frame.put("seq", seq);
        return frame.toString();
    }

    public Server server(ServerView server) {
        return new Server(server.id(), server.name(), server.ownerId());
    }

    public Channel channel(ChannelView channel) {
        return new Channel(channel.id(), channel.name(), channel.serverId(), channel.type());
    }

    public Message message(ChannelMessageView message) {
        return message(message.id(), message.authorId(), message.channelId(), message.serverId(), message.text(),
                       message.sent(), message.edited());
    }

    public Message message(long id, long authorId, long channelId, long serverId, String text, Instant sent,
                           Instant edited) {
        return new Message(id, authorId, channelId, serverId, text, Json.serversTime(sent), Json.serversTime(edited));
    }

    public MessageEdited messageEdited(long id, long channelId, long serverId, String text, Instant edited) {
        return new MessageEdited(id, channelId, serverId, text, Json.serversTime(edited));
    }

    public Ban ban(BanView ban) {
        return ban(ban.userId(), ban.serverId(), ban.expires());
    }

    public Ban ban(long userId, long serverId, Instant expires) {
        return new Ban(userId, serverId, Json.serversTime(expires));
    }

    public Invite invite(InviteView invite) {
        return invite(invite.code(), invite.serverId(), invite.expires());
    }

    public Invite invite(String code, long serverId, Instant expires) {
        return new Invite(code, serverId, Json.serversTime(expires));
    }
}
