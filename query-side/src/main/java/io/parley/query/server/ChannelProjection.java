package io.parley.query.server;

import io.parley.api.server.ChannelCreated;
import io.parley.api.server.ChannelDeleted;
import io.parley.api.server.ChannelEdited;
import io.parley.api.server.ChannelList;
import io.parley.api.server.ChannelView;
import io.parley.api.server.FindChannel;
import io.parley.api.server.LoadChannels;
import io.parley.api.server.ServerDeleted;
import io.parley.query.support.Positions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** The channels of every server that exists. */
@Component
@ProcessingGroup("projections")
public class ChannelProjection {

    private final ChannelEntryRepository channels;

    public ChannelProjection(ChannelEntryRepository channels) {
        this.channels = channels;
    }

    @EventHandler
    void on(ChannelCreated event, TrackingToken token) {
        channels.save(new ChannelEntry(event.channelId(), event.serverId(), event.name(), event.type(),
                                       Positions.of(token)));
    }

    @EventHandler
    void on(ChannelEdited event) {
        channels.findById(event.channelId()).ifPresent(c -> c.edit(event.name(), event.type()));
    }

    @EventHandler
    void on(ChannelDeleted event) {
        channels.deleteById(event.channelId());
    }

    @EventHandler
    void on(ServerDeleted event) {
        channels.deleteByServer(event.serverId());
    }

    @ResetHandler
    void reset() {
        channels.deleteAllInBatch();
    }

    @QueryHandler
    public ChannelList handle(LoadChannels query) {
        return new ChannelList(channels.findByServerIdOrderByPosition(query.serverId()).stream()
                                       .map(ChannelEntry::toView).toList());
    }

    @QueryHandler
    public ChannelView handle(FindChannel query) {
        return channels.findById(query.channelId()).map(ChannelEntry::toView).orElse(null);
    }
}
