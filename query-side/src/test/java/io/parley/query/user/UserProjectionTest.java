package io.parley.query.user;

import io.parley.api.user.FindLogin;
import io.parley.api.user.FindReviewer;
import io.parley.api.user.FindUser;
import io.parley.api.user.FindUsers;
import io.parley.api.user.LoginView;
import io.parley.api.user.ReviewerAssigned;
import io.parley.api.user.UserRegistered;
import io.parley.api.user.UserSettingsChanged;
import io.parley.api.user.UserView;
import io.parley.query.ProjectionTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class UserProjectionTest extends ProjectionTest {

    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

    @Autowired
    UserProjection projection;

    @Test
    void aRegisteredUserWithTheSettingsTheyChanged() {
        batch(() -> {
            projection.on(new UserRegistered(80, "ada", "ada@example.org", "Ada", "L", null, "hash", AT));
            projection.on(new UserSettingsChanged(80, false, "Ada", "Lovelace", AT));
        });

        assertThat(projection.handle(new FindUser(80)))
                .isEqualTo(new UserView(80, "ada", "ada@example.org", "Ada", "Lovelace", null, false));
        assertThat(projection.handle(new FindLogin("ada"))).isEqualTo(new LoginView(80, "ada", "ada@example.org", "hash"));
        assertThat(projection.handle(new FindUser(81))).isNull();
    }

    @Test
    void usersAreFoundTogetherAndWithTheirReviewer() {
        batch(() -> {
            projection.on(new UserRegistered(82, "bo", "bo@example.org", "Bo", "B", "bo.png", "h", AT));
            projection.on(new UserRegistered(83, "cy", "cy@example.org", "Cy", "C", null, "h", AT));
            projection.on(new ReviewerAssigned(82, 83, 1, AT));
        });

        assertThat(projection.handle(new FindUsers(Set.of(82L, 83L, 84L))).users())
                .extracting(UserView::username).containsExactlyInAnyOrder("bo", "cy");
        assertThat(projection.handle(new FindReviewer(82))).isEqualTo(83L);
    }
}
