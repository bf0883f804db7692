package io.parley.query.server;

import io.parley.query.support.Micros;

import io.parley.api.server.BanView;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

@Entity
@Table(name = "server_ban")
@IdClass(ServerBanEntry.Key.class)
public class ServerBanEntry {

    @Id
    private long serverId;
    @Id
    private long userId;
    private Instant expiresAt;
    private long position;

    protected ServerBanEntry() {
    }

    ServerBanEntry(long serverId, long userId, Instant expiresAt, long position) {
        this.serverId = serverId;
        this.userId = userId;
        this.expiresAt = Micros.of(expiresAt);
        this.position = position;
    }

    public BanView toView() {
        return new BanView(serverId, userId, expiresAt);
    }

    public record Key(long serverId, long userId) implements Serializable {
        public Key() {
            this(0, 0);
        }
    }
}
