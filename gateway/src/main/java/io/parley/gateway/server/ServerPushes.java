package io.parley.gateway.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.api.server.ChannelCreated;
import io.parley.api.server.ChannelDeleted;
import io.parley.api.server.ChannelEdited;
import io.parley.api.server.ChannelMessageDeleted;
import io.parley.api.server.ChannelMessageEdited;
import io.parley.api.server.ChannelMessagePosted;
import io.parley.api.server.FindServerAudience;
import io.parley.api.server.LeaveReason;
import io.parley.api.server.MemberJoined;
import io.parley.api.server.MemberLeft;
import io.parley.api.server.ServerAudience;
import io.parley.api.server.ServerDeleted;
import io.parley.api.server.ServerEdited;
import io.parley.gateway.Commands;
import io.parley.gateway.GatewayConfiguration;
import io.parley.gateway.eventstore.EventStoreConfiguration;
import io.parley.gateway.socket.SocketRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Pushes of the servers API, in the servers seed's shape plus {@code seq}. Runs in this node's push
 * processor. The receivers are the server's members at the event's own position (the read model keeps
 * membership as intervals of positions), so a removed user still gets their {@code user_left} and
 * members get {@code server_deleted}, however far the read models have moved on since. What a push shows
 * comes from the event itself, exact at that position.
 * <p>
 * The socket a request came from got the reply instead of the push when the reply carries the same
 * data; {@code user_joined} (the joiner's reply is the server) and a ban's {@code user_left} (the reply
 * is the ban) go to that socket too.
 */
@Component
@ProcessingGroup(EventStoreConfiguration.PUSH_PROCESSOR)
@DisallowReplay
public class ServerPushes {

    private final Commands commands;
    private final SocketRegistry sockets;
    private final ServerJson json;

    public ServerPushes(Commands commands, SocketRegistry sockets, ServerJson json) {
        this.commands = commands;
        this.sockets = sockets;
        this.json = json;
    }

    @EventHandler
    void on(ServerEdited event, TrackingToken token,
            @MetaDataValue(GatewayConfiguration.ORIGIN_SOCKET) String origin) {
        long seq = visible(token);
        toMembers(event.serverId(), seq, "server_edited",
                  json.server(event.serverId(), event.name(), event.ownerId()), origin);
        if (event.ownerId() != event.previousOwnerId()) {
            sockets.sendTo(List.of(event.ownerId()),
                           json.push("got_server_owner", json.serverId(event.serverId()), seq), null);
        }
    }

    @EventHandler
    void on(ServerDeleted event, TrackingToken token,
            @MetaDataValue(GatewayConfiguration.ORIGIN_SOCKET) String origin) {
        long seq = visible(token);
        toMembers(event.serverId(), seq, "server_deleted", json.serverId(event.serverId()), origin);
    }

    @EventHandler
    void on(MemberJoined event, TrackingToken token) {
        long seq = visible(token);
        toMembers(event.serverId(), seq, "user_joined", json.member(event.userId(), event.serverId()), null);
    }

    @EventHandler
    void on(MemberLeft event, TrackingToken token,
            @MetaDataValue(GatewayConfiguration.ORIGIN_SOCKET) String origin) {
        long seq = visible(token);
        toMembers(event.serverId(), seq, "user_left", json.member(event.userId(), event.serverId()),
                  event.reason() == LeaveReason.BANNED ? null : origin);
    }

    @EventHandler
    void on(ChannelCreated event, TrackingToken token,
            @MetaDataValue(GatewayConfiguration.ORIGIN_SOCKET) String origin) {
        long seq = visible(token);
        toMembers(event.serverId(), seq, "channel_created",
                  json.channel(event.channelId(), event.name(), event.serverId(), event.type()), origin);
    }

    @EventHandler
    void on(ChannelEdited event, TrackingToken token,
            @MetaDataValue(GatewayConfiguration.ORIGIN_SOCKET) String origin) {
        long seq = visible(token);
        toMembers(event.serverId(), seq, "channel_edited",
                  json.channel(event.channelId(), event.name(), event.serverId(), event.type()), origin);
    }

    @EventHandler
    void on(ChannelDeleted event, TrackingToken token,
            @MetaDataValue(GatewayConfiguration.ORIGIN_SOCKET) String origin) {
        long seq = visible(token);
        toMembers(event.serverId(), seq, "channel_deleted", json.channelDeleted(event.channelId(), event.serverId()),
                  origin);
    }

    @EventHandler
    void on(ChannelMessagePosted event, TrackingToken token,
            @MetaDataValue(GatewayConfiguration.ORIGIN_SOCKET) String origin) {
        long seq = visible(token);
        toMembers(event.serverId(), seq, "message_created",
                  json.message(event.messageId(), event.authorId(), event.channelId(), event.serverId(), event.text(),
                               event.at(), event.at()), origin);
    }

    @EventHandler
    void on(ChannelMessageEdited event, TrackingToken token,
            @MetaDataValue(GatewayConfiguration.ORIGIN_SOCKET) String origin) {
        long seq = visible(token);
        toMembers(event.serverId(), seq, "message_edited",
                  json.messageEdited(event.messageId(), event.channelId(), event.serverId(), event.text(), event.at()),
                  origin);
    }

    @EventHandler
    void on(ChannelMessageDeleted event, TrackingToken token,
            @MetaDataValue(GatewayConfiguration.ORIGIN_SOCKET) String origin) {
        long seq = visible(token);
        toMembers(event.serverId(), seq, "message_deleted",
                  json.messageDeleted(event.messageId(), event.channelId(), event.serverId()), origin);
    }

    /** To every socket of everyone who was a member at the event's position but the origin socket. */
    private void toMembers(long serverId, long seq, String name, ObjectNode data, String origin) {
        ServerAudience audience = commands.query(new FindServerAudience(serverId, seq), ServerAudience.class);
        sockets.sendTo(audience.userIds(), json.push(name, data, seq), origin);
    }

    /** Waits until the read models have the event, so the audience at its position is complete. */
    private long visible(TrackingToken token) {
        long seq = token.position().orElseThrow();
        commands.awaitVisible(seq);
        return seq;
    }
}
