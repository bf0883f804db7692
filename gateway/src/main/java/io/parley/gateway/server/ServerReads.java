package io.parley.gateway.server;

import io.parley.api.server.ChannelView;
import io.parley.api.server.FindChannel;
import io.parley.api.server.FindServer;
import io.parley.api.server.FindServerOfMember;
import io.parley.api.server.ServerView;
import io.parley.realtime.api.ApiError;
import io.parley.gateway.Sides;
import org.springframework.stereotype.Component;

/**
 * Who may read what, for the load requests (writes are decided by the aggregates). The answers match
 * the aggregates': to outsiders a server and its channels do not exist (not_found); owner-only lists
 * refuse other members (forbidden).
 */
@Component
class ServerReads {

    private final Sides sides;

    ServerReads(Sides sides) {
        this.sides = sides;
    }

    ServerView ofMember(long serverId, long userId) {
        ServerView server = sides.query(new FindServerOfMember(serverId, userId), ServerView.class);
        if (server == null) {
            throw ApiError.notFound("server not found");
        }
        return server;
    }

    ServerView ofOwner(long serverId, long userId) {
        ServerView server = ofMember(serverId, userId);
        if (server.ownerId() != userId) {
            throw ApiError.forbidden("only the server's owner may do this");
        }
        return server;
    }

    /**
     * The server as the read model has it, whoever asks: for the reply to a write that succeeded, and to
     * answer a write naming an unknown or deleted server before any command is sent.
     */
    ServerView server(long serverId) {
        ServerView server = sides.query(new FindServer(serverId), ServerView.class);
        if (server == null) {
            throw ApiError.notFound("server not found");
        }
        return server;
    }

    /** A channel that exists; whether the user may see it is for the caller to check. */
    ChannelView channel(long channelId) {
        ChannelView channel = sides.query(new FindChannel(channelId), ChannelView.class);
        if (channel == null) {
            throw ApiError.notFound("channel not found");
        }
        return channel;
    }
}
