package io.parley.command.user;

import io.parley.api.Refusal;
import io.parley.api.dialog.DialogStarted;
import io.parley.api.user.AssignReviewer;
import io.parley.api.user.OpenReviewerDialog;
import io.parley.api.user.RegisterUser;
import io.parley.api.user.ReviewerAssigned;
import io.parley.api.user.ReviewerDialogOpened;
import io.parley.api.user.UserRegistered;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.parley.command.Refusals.expectRefusal;

/** A user's reviewer, and the one dialog with each reviewer that /api/dialogs/new-message/ writes in. */
class UserReviewerTest {

    private static final long STUDENT = 1;
    private static final long REVIEWER = 2;
    private static final long OTHER_REVIEWER = 3;
    private static final long ADMIN = 9;

    private AggregateTestFixture<User> fixture;
    private UserRegistered registered;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        fixture.registerAnnotatedCommandHandler(new UserRegistration(fixture.getRepository(), (name, id) -> true));
        registered = new UserRegistered(STUDENT, "student", "s@example.org", null, null, null, null,
                                        fixture.currentTime());
    }

    ReviewerAssigned assigned(long reviewer) {
        return new ReviewerAssigned(STUDENT, reviewer, ADMIN, fixture.currentTime());
    }

    @Test
    void anAdminAssignsAReviewer() {
        fixture.given(registered)
               .when(new AssignReviewer(STUDENT, REVIEWER, ADMIN))
               .expectEvents(assigned(REVIEWER));
    }

    @Test
    void assigningTheSameReviewerAgainChangesNothing() {
        fixture.given(registered, assigned(REVIEWER))
               .when(new AssignReviewer(STUDENT, REVIEWER, ADMIN))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void nobodyReviewsThemself() {
        expectRefusal(fixture.given(registered).when(new AssignReviewer(STUDENT, STUDENT, ADMIN)), Refusal.BAD_REQUEST);
    }

    @Test
    void withoutAReviewerNoDialogOpens() {
        expectRefusal(fixture.given(registered).when(new OpenReviewerDialog(STUDENT, 50)), Refusal.FORBIDDEN);
    }

    @Test
    void theFirstMessageToAReviewerOpensADialogWithThem() {
        fixture.given(registered, assigned(REVIEWER))
               .when(new OpenReviewerDialog(STUDENT, 50))
               .expectResultMessagePayload(50L)
               .expectEvents(new ReviewerDialogOpened(STUDENT, REVIEWER, 50, fixture.currentTime()),
                             new DialogStarted(50, List.of(STUDENT, REVIEWER), STUDENT, fixture.currentTime()));
    }

    @Test
    void laterMessagesGoToTheSameDialog() {
        fixture.given(registered, assigned(REVIEWER),
                      new ReviewerDialogOpened(STUDENT, REVIEWER, 50, fixture.currentTime()))
               .when(new OpenReviewerDialog(STUDENT, 51))
               .expectResultMessagePayload(50L)
               .expectNoEvents();
    }

    @Test
    void aNewReviewerGetsANewDialogAndAReturningOneTheirOld() {
        fixture.given(registered, assigned(REVIEWER),
                      new ReviewerDialogOpened(STUDENT, REVIEWER, 50, fixture.currentTime()), assigned(OTHER_REVIEWER))
               .when(new OpenReviewerDialog(STUDENT, 60))
               .expectResultMessagePayload(60L)
               .expectEvents(new ReviewerDialogOpened(STUDENT, OTHER_REVIEWER, 60, fixture.currentTime()),
                             new DialogStarted(60, List.of(STUDENT, OTHER_REVIEWER), STUDENT, fixture.currentTime()));
        fixture.given(registered, assigned(REVIEWER),
                      new ReviewerDialogOpened(STUDENT, REVIEWER, 50, fixture.currentTime()), assigned(OTHER_REVIEWER),
                      new ReviewerDialogOpened(STUDENT, OTHER_REVIEWER, 60, fixture.currentTime()), assigned(REVIEWER))
               .when(new OpenReviewerDialog(STUDENT, 70))
               .expectResultMessagePayload(50L)
               .expectNoEvents();
    }

    @Test
    void anInvalidRegistrationClaimsNoUsername() {
        java.util.Set<String> claimed = new java.util.HashSet<>();
        AggregateTestFixture<User> claiming = new AggregateTestFixture<>(User.class);
        claiming.registerAnnotatedCommandHandler(new UserRegistration(claiming.getRepository(),
                                                                      (name, id) -> claimed.add(name)));
        expectRefusal(claiming.givenNoPriorActivity().when(new RegisterUser(STUDENT, "student", "s@example.org",
                                                                            "x".repeat(65), null, null, "$2a$hash")),
                      Refusal.BAD_REQUEST);
        org.assertj.core.api.Assertions.assertThat(claimed).isEmpty();
    }

    private static AggregateTestFixture<User> registrations() {
        AggregateTestFixture<User> users = new AggregateTestFixture<>(User.class);
        users.registerAnnotatedCommandHandler(new UserRegistration(users.getRepository(), (name, id) -> true));
        return users;
    }

    @Test
    void anAvatarIsAnHttpUrl() {
        AggregateTestFixture<User> users = registrations();
        RegisterUser withAvatar = new RegisterUser(STUDENT, "student", null, null, null, "https://pics.example.org/s.png",
                                                   null);
        users.givenNoPriorActivity().when(withAvatar)
             .expectEvents(new UserRegistered(STUDENT, "student", null, null, null, "https://pics.example.org/s.png",
                                              null, users.currentTime()));
        expectRefusal(registrations().givenNoPriorActivity().when(new RegisterUser(STUDENT, "student", null, null,
                                                                                   null, "javascript:alert(1)", null)),
                      Refusal.BAD_REQUEST);
    }
}
