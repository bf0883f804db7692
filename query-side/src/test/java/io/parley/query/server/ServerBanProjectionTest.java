package io.parley.query.server;

import io.parley.api.server.BanView;
import io.parley.api.server.LoadServerBans;
import io.parley.api.server.UserBanned;
import io.parley.api.server.UserUnbanned;
import io.parley.query.ProjectionTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ServerBanProjectionTest extends ProjectionTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    @Autowired
    ServerBanProjection projection;

    @Test
    void bansInForceAreListedUntilLiftedOrExpired() {
        batch(() -> {
            projection.on(new UserBanned(60, 2, 1, null, NOW), at(1));
            projection.on(new UserBanned(60, 3, 1, NOW.plusSeconds(60), NOW), at(2));
            projection.on(new UserBanned(60, 4, 1, NOW.minusSeconds(60), NOW), at(3));
            projection.on(new UserBanned(60, 5, 1, null, NOW), at(4));
            projection.on(new UserUnbanned(60, 5, 1, NOW));
        });

        assertThat(projection.handle(new LoadServerBans(60, NOW, 20, 0)).items())
                .extracting(BanView::userId).containsExactlyInAnyOrder(2L, 3L);
    }
}
