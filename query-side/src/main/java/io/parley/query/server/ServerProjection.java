package io.parley.query.server;

import io.parley.api.server.FindServer;
import io.parley.api.server.FindMembershipIntervals;
import io.parley.api.server.FindServerAudience;
import io.parley.api.server.FindServerOfMember;
import io.parley.api.server.LoadServerMembers;
import io.parley.api.server.LoadServers;
import io.parley.api.server.MemberJoined;
import io.parley.api.server.MemberLeft;
import io.parley.api.server.MemberPage;
import io.parley.api.server.MembershipIntervals;
import io.parley.api.server.ServerAudience;
import io.parley.api.server.ServerCreated;
import io.parley.api.server.ServerDeleted;
import io.parley.api.server.ServerEdited;
import io.parley.api.server.ServerPage;
import io.parley.api.server.ServerView;
import io.parley.api.user.UserView;
import io.parley.query.support.Pages;
import io.parley.query.support.Positions;
import io.parley.query.user.UserEntry;
import io.parley.query.user.UserEntryRepository;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The servers read model: names and owners, and membership as intervals of global positions. */
@Component
@ProcessingGroup("projections")
public class ServerProjection {

    private final ServerEntryRepository servers;
    private final ServerMemberRepository members;
    private final UserEntryRepository users;

    public ServerProjection(ServerEntryRepository servers, ServerMemberRepository members,
                            UserEntryRepository users) {
        this.servers = servers;
        this.members = members;
        this.users = users;
    }

    @EventHandler
    void on(ServerCreated event, TrackingToken token) {
        servers.save(new ServerEntry(event.serverId(), event.name(), event.ownerId()));
        members.save(new ServerMemberEntry(event.serverId(), event.ownerId(), Positions.of(token)));
    }

    @EventHandler
    void on(ServerEdited event) {
        servers.findById(event.serverId()).ifPresent(s -> s.edit(event.name(), event.ownerId()));
    }

    @EventHandler
    void on(ServerDeleted event, TrackingToken token) {
        // The membership rows stay, closed at this position: they still tell who saw the server until now.
        members.leaveAll(event.serverId(), Positions.of(token));
        servers.deleteById(event.serverId());
    }

    @EventHandler
    void on(MemberJoined event, TrackingToken token) {
        members.save(new ServerMemberEntry(event.serverId(), event.userId(), Positions.of(token)));
    }

    @EventHandler
    void on(MemberLeft event, TrackingToken token) {
        members.findFirstByServerIdAndUserIdAndLeftAtPositionIsNull(event.serverId(), event.userId())
               .ifPresent(m -> m.leftAt(Positions.of(token)));
    }

    @ResetHandler
    void reset() {
        members.deleteAllInBatch();
        servers.deleteAllInBatch();
    }

    @QueryHandler
    public ServerPage handle(LoadServers query) {
        Page<ServerEntry> page = servers.findByMember(query.userId(),
                                                      Pages.of(query.limit(), query.offset(), Sort.unsorted()));
        return new ServerPage(page.getContent().stream().map(ServerEntry::toView).toList(), page.getTotalElements());
    }

    @QueryHandler
    public ServerView handle(FindServer query) {
        return servers.findById(query.serverId()).map(ServerEntry::toView).orElse(null);
    }

    @QueryHandler
    public ServerView handle(FindServerOfMember query) {
        if (!members.existsByServerIdAndUserIdAndLeftAtPositionIsNull(query.serverId(), query.userId())) {
            return null;
        }
        return handle(new FindServer(query.serverId()));
    }

    @QueryHandler
    public MemberPage handle(LoadServerMembers query) {
        Page<ServerMemberEntry> page = members.findByServerIdAndLeftAtPositionIsNull(
                query.serverId(), Pages.of(query.limit(), query.offset(),
                                           Sort.by("joinedAtPosition", "userId")));
        List<Long> ids = page.getContent().stream().map(ServerMemberEntry::getUserId).toList();
        Map<Long, UserView> profiles = new HashMap<>();
        for (UserEntry user : users.findAllById(ids)) {
            profiles.put(user.getId(), user.toView());
        }
        // A member always has a profile, but a member must never be missing from the list.
        List<UserView> items = ids.stream()
                                  .map(id -> profiles.getOrDefault(id, new UserView(id, "user" + id, null, null,
                                                                                    null, null, true)))
                                  .toList();
        return new MemberPage(items, page.getTotalElements());
    }

    @QueryHandler
    public ServerAudience handle(FindServerAudience query) {
        return new ServerAudience(members.findAudience(query.serverId(), query.position()));
    }

    @QueryHandler
    public MembershipIntervals handle(FindMembershipIntervals query) {
        return new MembershipIntervals(
                members.findOverlapping(query.userId(), query.fromPosition(), query.toPosition()).stream()
                       .map(m -> new MembershipIntervals.Interval(m.getServerId(), m.getJoinedAtPosition(),
                                                                  m.getLeftAtPosition()))
                       .toList());
    }
}
