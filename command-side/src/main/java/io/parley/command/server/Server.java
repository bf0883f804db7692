package io.parley.command.server;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.parley.api.AggregateIds;
import io.parley.api.Limits;
import io.parley.api.Refusal;
import io.parley.api.server.BanUser;
import io.parley.api.server.ChannelCreated;
import io.parley.api.server.ChannelDeleted;
import io.parley.api.server.ChannelEdited;
import io.parley.api.server.ChannelType;
import io.parley.api.server.CreateChannel;
import io.parley.api.server.CreateInvite;
import io.parley.api.server.CreateServer;
import io.parley.api.server.DeleteChannel;
import io.parley.api.server.DeleteInvite;
import io.parley.api.server.DeleteServer;
import io.parley.api.server.EditChannel;
import io.parley.api.server.EditServer;
import io.parley.api.server.InviteCreated;
import io.parley.api.server.InviteDeleted;
import io.parley.api.server.JoinServer;
import io.parley.api.server.KickMember;
import io.parley.api.server.LeaveReason;
import io.parley.api.server.LeaveServer;
import io.parley.api.server.MemberJoined;
import io.parley.api.server.MemberLeft;
import io.parley.api.server.PostChannelMessage;
import io.parley.api.server.ServerCreated;
import io.parley.api.server.ServerDeleted;
import io.parley.api.server.ServerEdited;
import io.parley.api.server.UnbanUser;
import io.parley.api.server.UserBanned;
import io.parley.api.server.UserUnbanned;
import io.parley.command.Clock;
import io.parley.command.NonceClaims;
import io.parley.command.Texts;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A Discord-style server: its name, owner, members, channels, bans and invites. Each message it accepts
 * starts its own {@link ChannelMessage} stream, so the server's stream grows with membership and
 * channels, never with the conversation; snapshots ({@link io.parley.command.Snapshots}) keep loading it short.
 * <p>
 * To anyone who is not a member, the server does not exist (not_found); members who are not the owner
 * are refused owner-only commands (forbidden). A deleted server is empty: no command finds anything in it.
 * <p>
 * Snapshots are the aggregate serialized by Jackson: its fields, nothing else.
 */
@Aggregate(snapshotTriggerDefinition = "serverSnapshotTrigger", commandTargetResolver = "commandTargets")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
                getterVisibility = JsonAutoDetect.Visibility.NONE,
                isGetterVisibility = JsonAutoDetect.Visibility.NONE,
                setterVisibility = JsonAutoDetect.Visibility.NONE)
public class Server {

    private static final String NONCE_PREFIX = "channel:";

    @AggregateIdentifier
    private String id;
    private long serverId;
    private String name;
    private long ownerId;
    private Set<Long> members = new HashSet<>();
    private Map<Long, Channel> channels = new HashMap<>();
    /** Bans by user id; expired ones stay here but no longer count. */
    private Map<Long, Ban> bans = new HashMap<>();
    /** Invites by code; expired ones stay here (the owner may still delete them) but no longer count. */
    private Map<String, Invite> invites = new HashMap<>();

    record Channel(String name, int type) {
    }

    /** {@code expires} null: until unbanned. */
    record Ban(Instant expires) {
        boolean inForceAt(Instant now) {
            return expires == null || expires.isAfter(now);
        }
    }

    /** {@code expires} null: until deleted. */
    record Invite(Instant expires) {
        boolean validAt(Instant now) {
            return expires == null || expires.isAfter(now);
        }
    }

    protected Server() {
        // for Axon (and for Jackson, restoring a snapshot)
    }

    /** Created by {@link ServerCreation}, which has checked the command and counted the new server. */
    Server(CreateServer command) {
        apply(new ServerCreated(command.serverId(), command.name(), command.ownerId(), Clock.now()));
    }

    /** The rules of a new server, checked before anything (its owner's count) is written. */
    static void validate(CreateServer command) {
        Texts.required("name", command.name(), Limits.SERVER_NAME_MAX);
    }

    @CommandHandler
    public void handle(EditServer command, ServerOwnership ownership) {
        requireOwner(command.editorId());
        String newName = command.name() == null ? name
                                                : Texts.required("name", command.name(), Limits.SERVER_NAME_MAX);
        long newOwner = command.ownerId() == null ? ownerId : command.ownerId();
        if (newOwner != ownerId) {
            if (!members.contains(newOwner)) {
                throw Refusal.notFound("the new owner must be a member of the server");
            }
            if (!ownership.take(newOwner, Limits.SERVERS_OWNED_MAX)) {
                throw Refusal.conflict("the new owner already owns " + Limits.SERVERS_OWNED_MAX + " servers");
            }
            ownership.release(ownerId);
        }
        if (newName.equals(name) && newOwner == ownerId) {
            return; // nothing changes, so nothing happened
        }
        apply(new ServerEdited(serverId, newName, newOwner, ownerId, command.editorId(), Clock.now()));
    }

    @CommandHandler
    public void handle(DeleteServer command, ServerOwnership ownership) {
        requireOwner(command.deleterId());
        ownership.release(ownerId);
        apply(new ServerDeleted(serverId, command.deleterId(), Clock.now()));
    }

    @CommandHandler
    public void handle(LeaveServer command) {
        requireMember(command.userId());
        if (command.userId() == ownerId) {
            throw Refusal.forbidden("the owner cannot leave; hand the server to another member first");
        }
        apply(new MemberLeft(serverId, command.userId(), LeaveReason.LEFT, command.userId(), Clock.now()));
    }

    @CommandHandler
    public void handle(KickMember command) {
        requireOwner(command.kickerId());
        if (command.userId() == ownerId) {
            throw Refusal.badRequest("the owner cannot kick themselves");
        }
        if (!members.contains(command.userId())) {
            throw Refusal.notFound("user is not a member of the server");
        }
        apply(new MemberLeft(serverId, command.userId(), LeaveReason.KICKED, command.kickerId(), Clock.now()));
    }

    @CommandHandler
    public void handle(BanUser command) {
        requireOwner(command.bannerId());
        if (command.userId() == ownerId) {
            throw Refusal.badRequest("the owner cannot ban themselves");
        }
        Instant now = Clock.now();
        requireFuture(command.expires(), now);
        boolean wasMember = members.contains(command.userId());
        apply(new UserBanned(serverId, command.userId(), command.bannerId(), command.expires(), now));
        if (wasMember) {
            apply(new MemberLeft(serverId, command.userId(), LeaveReason.BANNED, command.bannerId(), now));
        }
    }

    @CommandHandler
    public void handle(UnbanUser command) {
        requireOwner(command.unbannerId());
        Instant now = Clock.now();
        Ban ban = bans.get(command.userId());
        if (ban == null || !ban.inForceAt(now)) {
            throw Refusal.notFound("user is not banned");
        }
        apply(new UserUnbanned(serverId, command.userId(), command.unbannerId(), now));
    }

    @CommandHandler
    public void handle(CreateInvite command) {
        requireOwner(command.creatorId());
        String code = Texts.required("code", command.code(), Limits.INVITE_CODE_MAX);
        Instant now = Clock.now();
        requireFuture(command.expires(), now);
        if (invites.containsKey(code)) {
            throw Refusal.conflict("this invite code is taken");
        }
        long valid = invites.values().stream().filter(invite -> invite.validAt(now)).count();
        if (valid >= Limits.INVITES_PER_SERVER_MAX) {
            throw Refusal.conflict("a server has at most " + Limits.INVITES_PER_SERVER_MAX + " invites");
        }
        apply(new InviteCreated(serverId, code, command.creatorId(), command.expires(), now));
    }

    @CommandHandler
    public void handle(DeleteInvite command) {
        requireOwner(command.deleterId());
        if (!invites.containsKey(command.code())) {
            throw Refusal.notFound("invite not found");
        }
        apply(new InviteDeleted(serverId, command.code(), command.deleterId(), Clock.now()));
    }

    @CommandHandler
    public void handle(JoinServer command) {
        Instant now = Clock.now();
        Invite invite = invites.get(command.code());
        if (invite == null) {
            throw Refusal.notFound("invite not found");
        }
        if (!invite.validAt(now)) {
            throw Refusal.notFound("the invite has expired");
        }
        if (members.contains(command.userId())) {
            return; // a member already: nothing happens
        }
        Ban ban = bans.get(command.userId());
        if (ban != null && ban.inForceAt(now)) {
            throw Refusal.forbidden("you are banned from this server");
        }
        apply(new MemberJoined(serverId, command.userId(), command.code(), now));
    }

    @CommandHandler
    public void handle(CreateChannel command) {
        requireOwner(command.creatorId());
        String name = Texts.required("name", command.name(), Limits.SERVER_NAME_MAX);
        requireKnownType(command.type());
        if (channels.size() >= Limits.CHANNELS_PER_SERVER_MAX) {
            throw Refusal.conflict("a server has at most " + Limits.CHANNELS_PER_SERVER_MAX + " channels");
        }
        apply(new ChannelCreated(serverId, command.channelId(), name, command.type(), command.creatorId(),
                                 Clock.now()));
    }

    @CommandHandler
    public void handle(EditChannel command) {
        requireOwner(command.editorId());
        Channel channel = requireChannel(command.channelId());
        String newName = command.name() == null ? channel.name()
                                                : Texts.required("name", command.name(), Limits.SERVER_NAME_MAX);
        int newType = command.type() == null ? channel.type() : requireKnownType(command.type());
        if (newName.equals(channel.name()) && newType == channel.type()) {
            return;
        }
        apply(new ChannelEdited(serverId, command.channelId(), newName, newType, command.editorId(), Clock.now()));
    }

    @CommandHandler
    public void handle(DeleteChannel command) {
        requireOwner(command.deleterId());
        requireChannel(command.channelId());
        apply(new ChannelDeleted(serverId, command.channelId(), command.deleterId(), Clock.now()));
    }

    @CommandHandler
    public long handle(PostChannelMessage command, NonceClaims nonces) throws Exception {
        requireMember(command.authorId());
        Channel channel = requireChannel(command.channelId());
        if (channel.type() != ChannelType.TEXT) {
            throw Refusal.badRequest("messages go into text channels only");
        }
        Texts.required("text", command.text(), Limits.CHANNEL_MESSAGE_TEXT_MAX);
        if (command.nonce() != null) {
            Texts.required("nonce", command.nonce(), Limits.NONCE_MAX);
            // Dialog messages claim nonces in the same table: the prefix keeps the two kinds apart.
            Optional<Long> first = nonces.claim(command.authorId(), NONCE_PREFIX + command.nonce(),
                                                command.messageId());
            if (first.isPresent()) {
                return first.get();
            }
        }
        AggregateLifecycle.createNew(ChannelMessage.class, () -> new ChannelMessage(command));
        return command.messageId();
    }

    /** What the user may do in the channel now; asked by a channel message through {@link ServerAccess}. */
    ChannelAccess accessTo(long channelId, long userId) {
        if (!members.contains(userId) || !channels.containsKey(channelId)) {
            return ChannelAccess.NONE;
        }
        return userId == ownerId ? ChannelAccess.OWNER : ChannelAccess.MEMBER;
    }

    private void requireMember(long userId) {
        if (!members.contains(userId)) {
            // Outsiders learn nothing, not even that the server exists.
            throw Refusal.notFound("server not found");
        }
    }

    private void requireOwner(long userId) {
        requireMember(userId);
        if (userId != ownerId) {
            throw Refusal.forbidden("only the server's owner may do this");
        }
    }

    private Channel requireChannel(long channelId) {
        Channel channel = channels.get(channelId);
        if (channel == null) {
            throw Refusal.notFound("channel not found");
        }
        return channel;
    }

    private static int requireKnownType(int type) {
        if (!ChannelType.isKnown(type)) {
            throw Refusal.badRequest("type must be 0 (text) or 1 (voice)");
        }
        return type;
    }

    private static void requireFuture(Instant expires, Instant now) {
        if (expires != null && !expires.isAfter(now)) {
            throw Refusal.badRequest("expires must be in the future");
        }
    }

    @EventSourcingHandler
    void on(ServerCreated event) {
        id = AggregateIds.server(event.serverId());
        serverId = event.serverId();
        name = event.name();
        ownerId = event.ownerId();
        members.add(event.ownerId());
    }

    @EventSourcingHandler
    void on(ServerEdited event) {
        name = event.name();
        ownerId = event.ownerId();
    }

    @EventSourcingHandler
    void on(ServerDeleted event) {
        // A deleted server has nobody and nothing in it: every command finds nothing (not_found).
        members.clear();
        channels.clear();
        bans.clear();
        invites.clear();
    }

    @EventSourcingHandler
    void on(MemberJoined event) {
        members.add(event.userId());
    }

    @EventSourcingHandler
    void on(MemberLeft event) {
        members.remove(event.userId());
    }

    @EventSourcingHandler
    void on(UserBanned event) {
        bans.put(event.userId(), new Ban(event.expires()));
    }

    @EventSourcingHandler
    void on(UserUnbanned event) {
        bans.remove(event.userId());
    }

    @EventSourcingHandler
    void on(InviteCreated event) {
        invites.put(event.code(), new Invite(event.expires()));
    }

    @EventSourcingHandler
    void on(InviteDeleted event) {
        invites.remove(event.code());
    }

    @EventSourcingHandler
    void on(ChannelCreated event) {
        channels.put(event.channelId(), new Channel(event.name(), event.type()));
    }

    @EventSourcingHandler
    void on(ChannelEdited event) {
        channels.put(event.channelId(), new Channel(event.name(), event.type()));
    }

    @EventSourcingHandler
    void on(ChannelDeleted event) {
        channels.remove(event.channelId());
    }
}
