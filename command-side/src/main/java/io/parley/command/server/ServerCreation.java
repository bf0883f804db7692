package io.parley.command.server;

import io.parley.api.Limits;
import io.parley.api.Refusal;
import io.parley.api.server.CreateServer;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/** Creates servers; the creator must own fewer than {@value Limits#SERVERS_OWNED_MAX} already. */
@Component
public class ServerCreation {

    private final Repository<Server> servers;
    private final ServerOwnership ownership;

    public ServerCreation(Repository<Server> servers, ServerOwnership ownership) {
        this.servers = servers;
        this.ownership = ownership;
    }

    @CommandHandler
    public long handle(CreateServer command) throws Exception {
        Server.validate(command);
        if (!ownership.take(command.ownerId(), Limits.SERVERS_OWNED_MAX)) {
            throw Refusal.conflict("you already own " + Limits.SERVERS_OWNED_MAX + " servers");
        }
        servers.newInstance(() -> new Server(command));
        return command.serverId();
    }
}
