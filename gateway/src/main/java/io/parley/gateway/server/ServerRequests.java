package io.parley.gateway.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.api.Limits;
import io.parley.api.server.BanPage;
import io.parley.api.server.BanUser;
import io.parley.api.server.CreateInvite;
import io.parley.api.server.CreateServer;
import io.parley.api.server.DeleteInvite;
import io.parley.api.server.DeleteServer;
import io.parley.api.server.EditServer;
import io.parley.api.server.FindInvite;
import io.parley.api.server.InvitePage;
import io.parley.api.server.InviteView;
import io.parley.api.server.JoinServer;
import io.parley.api.server.KickMember;
import io.parley.api.server.LeaveServer;
import io.parley.api.server.LoadServerBans;
import io.parley.api.server.LoadServerInvites;
import io.parley.api.server.LoadServerMembers;
import io.parley.api.server.LoadServers;
import io.parley.api.server.MemberPage;
import io.parley.api.server.ServerPage;
import io.parley.api.server.UnbanUser;
import io.parley.realtime.api.ApiError;
import io.parley.gateway.Sides;
import io.parley.gateway.IdAllocator;
import io.parley.realtime.api.SocketRequest;
import io.parley.realtime.api.SocketRequestHandler;
import io.parley.realtime.api.SocketRequests;
import io.parley.gateway.user.UserJson;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The servers.* requests of the servers API: servers, members, bans, invites. Writes reply (without
 * {@code seq}) once the read models show them; their pushes go to every member's sockets, the sender's too.
 * <p>
 * A write naming a server the read model does not know is answered not_found before any command is sent:
 * stale or made-up ids never make the aggregate repository look for a stream that is not there.
 */
@Component
public class ServerRequests implements SocketRequests {

    private final Sides sides;
    private final IdAllocator ids;
    private final ServerReads reads;
    private final ServerJson json;
    private final UserJson users;

    public ServerRequests(Sides sides, IdAllocator ids, ServerReads reads, ServerJson json, UserJson users) {
        this.sides = sides;
        this.ids = ids;
        this.reads = reads;
        this.json = json;
        this.users = users;
    }

    @Override
    public Map<String, SocketRequestHandler> handlers() {
        return Map.ofEntries(Map.entry("servers.load", this::load),
                             Map.entry("servers.create", this::create),
                             Map.entry("servers.edit", this::edit),
                             Map.entry("servers.delete", this::delete),
                             Map.entry("servers.leave", this::leave),
                             Map.entry("servers.join", this::join),
                             Map.entry("servers.members.load", this::loadMembers),
                             Map.entry("servers.members.kick", this::kick),
                             Map.entry("servers.bans.load", this::loadBans),
                             Map.entry("servers.bans.create", this::ban),
                             Map.entry("servers.bans.delete", this::unban),
                             Map.entry("servers.invites.load", this::loadInvites),
                             Map.entry("servers.invites.create", this::createInvite),
                             Map.entry("servers.invites.delete", this::deleteInvite));
    }

    private ObjectNode load(SocketRequest request) {
        int limit = request.limit();
        int offset = request.offset();
        ServerPage page = sides.query(new LoadServers(request.userId(), limit, offset), ServerPage.class);
        List<?> items = page.items().stream().map(json::server).toList();
        return request.page(items, limit, offset, page.total());
    }

    private ObjectNode create(SocketRequest request) {
        String name = request.text("name");
        long serverId = ids.next();
        sides.send(new CreateServer(serverId, request.userId(), name));
        return request.reply(json.server(reads.server(serverId)));
    }

    private ObjectNode edit(SocketRequest request) {
        long serverId = request.id("server_id");
        String name = request.optionalText("name");
        Long ownerId = request.optionalId("owner_id");
        if (name == null && ownerId == null) {
            throw ApiError.badRequest("give name or owner_id");
        }
        reads.server(serverId);
        sides.send(new EditServer(serverId, request.userId(), name, ownerId));
        return request.reply(json.server(reads.server(serverId)));
    }

    private ObjectNode delete(SocketRequest request) {
        long serverId = request.id("server_id");
        reads.server(serverId);
        sides.send(new DeleteServer(serverId, request.userId()));
        return request.reply(new ServerJson.ServerId(serverId));
    }

    private ObjectNode leave(SocketRequest request) {
        long serverId = request.id("server_id");
        reads.server(serverId);
        sides.send(new LeaveServer(serverId, request.userId()));
        return request.reply(new ServerJson.Member(request.userId(), serverId));
    }

    private ObjectNode join(SocketRequest request) {
        String code = code(request);
        InviteView invite = sides.query(new FindInvite(code), InviteView.class);
        if (invite == null) {
            throw ApiError.notFound("invite not found");
        }
        sides.send(new JoinServer(invite.serverId(), request.userId(), code));
        return request.reply(json.server(reads.server(invite.serverId())));
    }

    private ObjectNode loadMembers(SocketRequest request) {
        long serverId = request.id("server_id");
        int limit = request.limit();
        int offset = request.offset();
        reads.ofMember(serverId, request.userId());
        MemberPage page = sides.query(new LoadServerMembers(serverId, limit, offset), MemberPage.class);
        List<?> items = page.items().stream().map(users::publicUser).toList();
        return request.page(items, limit, offset, page.total());
    }

    private ObjectNode kick(SocketRequest request) {
        long serverId = request.id("server_id");
        long userId = request.id("user_id");
        reads.server(serverId);
        sides.send(new KickMember(serverId, request.userId(), userId));
        return request.reply(new ServerJson.Member(userId, serverId));
    }

    private ObjectNode loadBans(SocketRequest request) {
        long serverId = request.id("server_id");
        int limit = request.limit();
        int offset = request.offset();
        reads.ofOwner(serverId, request.userId());
        BanPage page = sides.query(new LoadServerBans(serverId, Instant.now(), limit, offset), BanPage.class);
        List<?> items = page.items().stream().map(json::ban).toList();
        return request.page(items, limit, offset, page.total());
    }

    private ObjectNode ban(SocketRequest request) {
        long serverId = request.id("server_id");
        long userId = request.id("user_id");
        Instant expires = request.optionalTimestamp("expires");
        reads.server(serverId);
        sides.send(new BanUser(serverId, request.userId(), userId, expires));
        return request.reply(json.ban(userId, serverId, expires));
    }

    private ObjectNode unban(SocketRequest request) {
        long serverId = request.id("server_id");
        long userId = request.id("user_id");
        reads.server(serverId);
        sides.send(new UnbanUser(serverId, request.userId(), userId));
        return request.reply(new ServerJson.BanId(userId, serverId));
    }

    private ObjectNode loadInvites(SocketRequest request) {
        long serverId = request.id("server_id");
        int limit = request.limit();
        int offset = request.offset();
        reads.ofOwner(serverId, request.userId());
        InvitePage page = sides.query(new LoadServerInvites(serverId, Instant.now(), limit, offset),
                                         InvitePage.class);
        List<?> items = page.items().stream().map(json::invite).toList();
        return request.page(items, limit, offset, page.total());
    }

    private ObjectNode createInvite(SocketRequest request) {
        long serverId = request.id("server_id");
        Instant expires = request.optionalTimestamp("expires");
        reads.server(serverId);
        String code = InviteCodes.next();
        sides.send(new CreateInvite(serverId, request.userId(), code, expires));
        return request.reply(json.invite(code, serverId, expires));
    }

    /** By code; {@code server_id} is optional, and when given it must be the invite's server. */
    private ObjectNode deleteInvite(SocketRequest request) {
        String code = code(request);
        Long serverId = request.optionalId("server_id");
        InviteView invite = sides.query(new FindInvite(code), InviteView.class);
        if (invite == null || (serverId != null && serverId != invite.serverId())) {
            throw ApiError.notFound("invite not found");
        }
        sides.send(new DeleteInvite(invite.serverId(), request.userId(), code));
        return request.reply(new ServerJson.InviteId(code, invite.serverId()));
    }

    private static String code(SocketRequest request) {
        String code = request.text("code");
        if (code.isBlank() || code.length() > Limits.INVITE_CODE_MAX) {
            throw ApiError.badRequest("code must be 1 to " + Limits.INVITE_CODE_MAX + " characters");
        }
        return code;
    }
}
