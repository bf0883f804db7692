package io.parley.query.server;

import io.parley.api.server.FindServer;
import io.parley.api.server.FindServerOfMember;
import io.parley.api.server.LeaveReason;
import io.parley.api.server.LoadServerMembers;
import io.parley.api.server.LoadServers;
import io.parley.api.server.MemberJoined;
import io.parley.api.server.MemberLeft;
import io.parley.api.server.ServerCreated;
import io.parley.api.server.ServerDeleted;
import io.parley.api.server.ServerEdited;
import io.parley.api.server.ServerView;
import io.parley.api.user.UserView;
import io.parley.query.ProjectionTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ServerProjectionTest extends ProjectionTest {

    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

    @Autowired
    ServerProjection projection;

    @Test
    void membersSeeTheirServersAsEdited() {
        batch(() -> {
            projection.on(new ServerCreated(30, "cameras", 1, AT), at(1));
            projection.on(new MemberJoined(30, 2, "code", AT), at(2));
            projection.on(new ServerEdited(30, "speed cameras", 2, 1, 1, AT));
        });

        assertThat(projection.handle(new FindServer(30))).isEqualTo(new ServerView(30, "speed cameras", 2));
        assertThat(projection.handle(new LoadServers(2, 20, 0)).items()).containsExactly(
                new ServerView(30, "speed cameras", 2));
        assertThat(projection.handle(new LoadServerMembers(30, 20, 0)).items())
                .extracting(UserView::id).containsExactly(1L, 2L);
    }

    @Test
    void whoLeftOrWhatWasDeletedIsNoLongerFound() {
        batch(() -> {
            projection.on(new ServerCreated(31, "one", 1, AT), at(1));
            projection.on(new MemberJoined(31, 2, "code", AT), at(2));
            projection.on(new ServerCreated(32, "two", 1, AT), at(3));
        });
        batch(() -> {
            projection.on(new MemberLeft(31, 2, LeaveReason.KICKED, 1, AT), at(4));
            projection.on(new ServerDeleted(32, 1, AT), at(5));
        });

        assertThat(projection.handle(new FindServerOfMember(31, 2))).isNull();
        assertThat(projection.handle(new FindServerOfMember(31, 1))).isNotNull();
        assertThat(projection.handle(new FindServer(32))).isNull();
        assertThat(projection.handle(new LoadServers(1, 20, 0)).total()).isEqualTo(1);
    }
}
