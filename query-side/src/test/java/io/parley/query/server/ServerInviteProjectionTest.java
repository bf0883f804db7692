package io.parley.query.server;

import io.parley.api.server.FindInvite;
import io.parley.api.server.InviteCreated;
import io.parley.api.server.InviteDeleted;
import io.parley.api.server.InviteView;
import io.parley.api.server.LoadServerInvites;
import io.parley.api.server.ServerDeleted;
import io.parley.query.ProjectionTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ServerInviteProjectionTest extends ProjectionTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    @Autowired
    ServerInviteProjection projection;

    @Test
    void invitesAreFoundByCodeUntilDeleted() {
        batch(() -> {
            projection.on(new InviteCreated(70, "open", 1, null, NOW), at(1));
            projection.on(new InviteCreated(70, "gone", 1, null, NOW), at(2));
            projection.on(new InviteDeleted(70, "gone", 1, NOW));
        });

        assertThat(projection.handle(new FindInvite("open"))).isEqualTo(new InviteView("open", 70, null));
        assertThat(projection.handle(new FindInvite("gone"))).isNull();
        assertThat(projection.handle(new LoadServerInvites(70, NOW, 20, 0)).items())
                .extracting(InviteView::code).containsExactly("open");
    }

    @Test
    void aDeletedServerTakesItsInvites() {
        batch(() -> projection.on(new InviteCreated(71, "soon-gone", 1, null, NOW), at(1)));
        batch(() -> projection.on(new ServerDeleted(71, 1, NOW)));

        assertThat(projection.handle(new FindInvite("soon-gone"))).isNull();
    }
}
