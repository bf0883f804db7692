package io.parley.query.server;

import io.parley.query.support.Micros;

import io.parley.api.server.InviteView;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

@Entity
@Table(name = "server_invite")
@IdClass(ServerInviteEntry.Key.class)
public class ServerInviteEntry {

    @Id
    private long serverId;
    @Id
    private String code;
    private Instant expiresAt;
    private long position;

    protected ServerInviteEntry() {
    }

    ServerInviteEntry(long serverId, String code, Instant expiresAt, long position) {
        this.serverId = serverId;
        this.code = code;
        this.expiresAt = Micros.of(expiresAt);
        this.position = position;
    }

    public InviteView toView() {
        return new InviteView(code, serverId, expiresAt);
    }

    public record Key(long serverId, String code) implements Serializable {
        public Key() {
            this(0, null);
        }
    }
}
