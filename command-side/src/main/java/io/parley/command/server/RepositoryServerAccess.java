package io.parley.command.server;

import io.parley.api.AggregateIds;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Loads the server in the message command's unit of work. Loading locks the server until that unit of
 * work ends, so a kick or a channel deletion cannot slip in between the check and the message's event.
 */
@Component
class RepositoryServerAccess implements ServerAccess {

    private final Repository<Server> servers;

    RepositoryServerAccess(Repository<Server> servers) {
        this.servers = servers;
    }

    @Override
    public ChannelAccess of(long serverId, long channelId, long userId) {
        return servers.load(AggregateIds.server(serverId)).invoke(server -> server.accessTo(channelId, userId));
    }
}
