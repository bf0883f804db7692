package io.parley.query.server;

import io.parley.api.server.BanPage;
import io.parley.api.server.LoadServerBans;
import io.parley.api.server.ServerDeleted;
import io.parley.api.server.UserBanned;
import io.parley.api.server.UserUnbanned;
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

/** Each server's bans; an expired ban keeps its row but is no longer listed. */
@Component
@ProcessingGroup("projections")
public class ServerBanProjection {

    private final ServerBanRepository bans;

    public ServerBanProjection(ServerBanRepository bans) {
        this.bans = bans;
    }

    @EventHandler
    void on(UserBanned event, TrackingToken token) {
        // A second ban of the same user replaces the first.
        bans.save(new ServerBanEntry(event.serverId(), event.userId(), event.expires(), Positions.of(token)));
    }

    @EventHandler
    void on(UserUnbanned event) {
        bans.deleteById(new ServerBanEntry.Key(event.serverId(), event.userId()));
    }

    @EventHandler
    void on(ServerDeleted event) {
        bans.deleteByServer(event.serverId());
    }

    @ResetHandler
    void reset() {
        bans.deleteAllInBatch();
    }

    @QueryHandler
    public BanPage handle(LoadServerBans query) {
        Page<ServerBanEntry> page = bans.findInForce(query.serverId(), query.now(),
                                                     Pages.of(query.limit(), query.offset(), Sort.by("position")));
        return new BanPage(page.getContent().stream().map(ServerBanEntry::toView).toList(), page.getTotalElements());
    }
}
