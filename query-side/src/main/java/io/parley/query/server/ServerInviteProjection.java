package io.parley.query.server;

import io.parley.api.server.FindInvite;
import io.parley.api.server.InviteCreated;
import io.parley.api.server.InviteDeleted;
import io.parley.api.server.InvitePage;
import io.parley.api.server.InviteView;
import io.parley.api.server.LoadServerInvites;
import io.parley.api.server.ServerDeleted;
import io.parley.query.support.Pages;
import io.parley.query.support.Positions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;

/** Each server's invites, and which server an invite code leads to. */
@Component
@ProcessingGroup("projections")
public class ServerInviteProjection {

    private final ServerInviteRepository invites;

    public ServerInviteProjection(ServerInviteRepository invites) {
        this.invites = invites;
    }

    @EventHandler
    void on(InviteCreated event, TrackingToken token) {
        invites.save(new ServerInviteEntry(event.serverId(), event.code(), event.expires(), Positions.of(token)));
    }

    @EventHandler
    void on(InviteDeleted event) {
        invites.deleteById(new ServerInviteEntry.Key(event.serverId(), event.code()));
    }

    @EventHandler
    void on(ServerDeleted event) {
        invites.deleteByServer(event.serverId());
    }

    @ResetHandler
    void reset() {
        invites.deleteAllInBatch();
    }

    @QueryHandler
    public InvitePage handle(LoadServerInvites query) {
        Page<ServerInviteEntry> page = invites.findValid(query.serverId(), query.now(),
                                                         Pages.of(query.limit(), query.offset(), Sort.by("position")));
        return new InvitePage(page.getContent().stream().map(ServerInviteEntry::toView).toList(),
                              page.getTotalElements());
    }

    @QueryHandler
    public InviteView handle(FindInvite query) {
        return invites.findFirstByCodeOrderByPosition(query.code()).map(ServerInviteEntry::toView).orElse(null);
    }
}
