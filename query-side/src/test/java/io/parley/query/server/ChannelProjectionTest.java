package io.parley.query.server;

import io.parley.api.server.ChannelCreated;
import io.parley.api.server.ChannelDeleted;
import io.parley.api.server.ChannelEdited;
import io.parley.api.server.ChannelView;
import io.parley.api.server.FindChannel;
import io.parley.api.server.LoadChannels;
import io.parley.api.server.ServerDeleted;
import io.parley.query.ProjectionTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelProjectionTest extends ProjectionTest {

    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

    @Autowired
    ChannelProjection projection;

    @Test
    void aServersChannelsAsCreatedEditedAndDeleted() {
        batch(() -> {
            projection.on(new ChannelCreated(40, 400, "general", 0, 1, AT), at(1));
            projection.on(new ChannelCreated(40, 401, "voice", 1, 1, AT), at(2));
            projection.on(new ChannelCreated(40, 402, "old", 0, 1, AT), at(3));
            projection.on(new ChannelEdited(40, 401, "talk", 1, 1, AT));
            projection.on(new ChannelDeleted(40, 402, 1, AT));
        });

        assertThat(projection.handle(new LoadChannels(40)).items()).containsExactlyInAnyOrder(
                new ChannelView(400, 40, "general", 0), new ChannelView(401, 40, "talk", 1));
        assertThat(projection.handle(new FindChannel(402))).isNull();
    }

    @Test
    void aDeletedServerTakesItsChannels() {
        batch(() -> projection.on(new ChannelCreated(41, 410, "general", 0, 1, AT), at(1)));
        batch(() -> projection.on(new ServerDeleted(41, 1, AT)));

        assertThat(projection.handle(new LoadChannels(41)).items()).isEmpty();
    }
}
