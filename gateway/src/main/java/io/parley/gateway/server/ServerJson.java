package io.parley.gateway.server;

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
 * The servers API's JSON: the push payloads exactly as the servers seed shows them, and the replies,
 * which carry the same objects. Times in the seed's form, {@code 2024-12-04 18:36:14.045681+00}.
 */
@Component
public class ServerJson {

    private final ObjectMapper mapper;

    public ServerJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A push: {"name","data","seq"}. */
    public String push(String name, ObjectNode data, long seq) {
        ObjectNode frame = mapper.createObjectNode();
        frame.put("name", name);
        frame.set("data", data);
        frame.put("seq", seq);
        return frame.toString();
    }

    /** {"id","name","owner_id"}: server_edited (the seed's id and name, plus the owner), and replies. */
    public ObjectNode server(ServerView server) {
        return server(server.id(), server.name(), server.ownerId());
    }

    public ObjectNode server(long id, String name, long ownerId) {
        ObjectNode json = mapper.createObjectNode();
        json.put("id", id);
        json.put("name", name);
        json.put("owner_id", ownerId);
        return json;
    }

    /** {"id"}: server_deleted, and got_server_owner, where the id is the server's. */
    public ObjectNode serverId(long serverId) {
        ObjectNode json = mapper.createObjectNode();
        json.put("id", serverId);
        return json;
    }

    /** {"id","server_id"}: user_joined and user_left, where the id is the user's. */
    public ObjectNode member(long userId, long serverId) {
        ObjectNode json = mapper.createObjectNode();
        json.put("id", userId);
        json.put("server_id", serverId);
        return json;
    }

    /** {"id","name","server_id","type"}: channel_created and channel_edited. */
    public ObjectNode channel(ChannelView channel) {
        return channel(channel.id(), channel.name(), channel.serverId(), channel.type());
    }

    public ObjectNode channel(long id, String name, long serverId, int type) {
        ObjectNode json = mapper.createObjectNode();
        json.put("id", id);
        json.put("name", name);
        json.put("server_id", serverId);
        json.put("type", type);
        return json;
    }

    /** {"id","server_id"}: channel_deleted. */
    public ObjectNode channelDeleted(long channelId, long serverId) {
        ObjectNode json = mapper.createObjectNode();
        json.put("id", channelId);
        json.put("server_id", serverId);
        return json;
    }

    /** {"id","author_id","channel_id","server_id","text","sent","edited"}: message_created, and message lists. */
    public ObjectNode message(ChannelMessageView message) {
        return message(message.id(), message.authorId(), message.channelId(), message.serverId(), message.text(),
                       message.sent(), message.edited());
    }

    public ObjectNode message(long id, long authorId, long channelId, long serverId, String text, Instant sent,
                              Instant edited) {
        ObjectNode json = mapper.createObjectNode();
        json.put("id", id);
        json.put("author_id", authorId);
        json.put("channel_id", channelId);
        json.put("server_id", serverId);
        json.put("text", text);
        json.put("sent", Json.serversTime(sent));
        json.put("edited", Json.serversTime(edited));
        return json;
    }

    /** {"id","channel_id","server_id","text","edited"}: message_edited. */
    public ObjectNode messageEdited(long id, long channelId, long serverId, String text, Instant edited) {
        ObjectNode json = messageDeleted(id, channelId, serverId);
        json.put("text", text);
        json.put("edited", Json.serversTime(edited));
        return json;
    }

    /** {"id","channel_id","server_id"}: message_deleted. */
    public ObjectNode messageDeleted(long id, long channelId, long serverId) {
        ObjectNode json = mapper.createObjectNode();
        json.put("id", id);
        json.put("channel_id", channelId);
        json.put("server_id", serverId);
        return json;
    }

    /** {"user_id","server_id","expires"}; expires is null for a ban until unbanned. */
    public ObjectNode ban(BanView ban) {
        return ban(ban.userId(), ban.serverId(), ban.expires());
    }

    public ObjectNode ban(long userId, long serverId, Instant expires) {
        ObjectNode json = ban(userId, serverId);
        json.put("expires", Json.serversTime(expires));
        return json;
    }

    /** {"user_id","server_id"}: which ban, as the reply to its deletion. */
    public ObjectNode ban(long userId, long serverId) {
        ObjectNode json = mapper.createObjectNode();
        json.put("user_id", userId);
        json.put("server_id", serverId);
        return json;
    }

    /** {"code","server_id","expires"}; expires is null for an invite until deleted. */
    public ObjectNode invite(InviteView invite) {
        return invite(invite.code(), invite.serverId(), invite.expires());
    }

    public ObjectNode invite(String code, long serverId, Instant expires) {
        ObjectNode json = invite(code, serverId);
        json.put("expires", Json.serversTime(expires));
        return json;
    }

    /** {"code","server_id"}: which invite, as the reply to its deletion. */
    public ObjectNode invite(String code, long serverId) {
        ObjectNode json = mapper.createObjectNode();
        json.put("code", code);
        json.put("server_id", serverId);
        return json;
    }
}
