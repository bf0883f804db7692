package io.parley.command.user;

import io.parley.command.CommandTargets;
import io.parley.api.Limits;
import io.parley.api.Refusal;
import io.parley.api.user.ChangeUserSettings;
import io.parley.api.user.RegisterUser;
import io.parley.api.user.UserRegistered;
import io.parley.api.user.UserSettingsChanged;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import static io.parley.command.Refusals.expectRefusal;
import static org.assertj.core.api.Assertions.assertThat;

class UserTest {

    private static final long ALICE = 1;
    private static final long BOB = 2;
    private static final String HASH = "$2a$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234";
    private static final String TOO_LONG_NAME = "n".repeat(Limits.NAME_MAX + 1);

    private final InMemoryUsernameClaims claims = new InMemoryUsernameClaims();
    private AggregateTestFixture<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        // The resolver the aggregates name in production, so these tests go through it too.
        fixture.registerCommandTargetResolver(new CommandTargets());
        fixture.registerAnnotatedCommandHandler(new UserRegistration(fixture.getRepository(), claims));
    }

    // --- RegisterUser ---

    @Test
    void aPasswordUserIsRegisteredAndClaimsTheUsername() {
        RegisterUser command = new RegisterUser(ALICE, "alice", "alice@example.org", "Alice", "Smith", null, HASH);
        fixture.givenNoPriorActivity()
               .when(command)
               .expectSuccessfulHandlerExecution()
               .expectResultMessagePayload(ALICE)
               .expectEvents(registered(command));
        assertThat(claims.holder("alice")).isEqualTo(ALICE);
    }

    @Test
    void aTakenUsernameIsRefusedWhateverItsCase() {
        expectRefusal(fixture.givenCommands(passwordUser(ALICE, "alice")).when(passwordUser(BOB, "ALICE")),
                      Refusal.CONFLICT);
        assertThat(claims.holder("alice")).isEqualTo(ALICE);
    }

    @Test
    void aTokenUserDoesNotClaimTheUsername() {
        RegisterUser command = tokenUser(ALICE, "alice");
        fixture.givenNoPriorActivity()
               .when(command)
               .expectSuccessfulHandlerExecution()
               .expectEvents(registered(command));
        assertThat(claims.holder("alice")).isNull();
    }

    @Test
    void aTokenUserMayShareAClaimedUsername() {
        // Claimed directly: the fixture records one user's stream, so Alice cannot be registered as a given here.
        claims.claim("alice", ALICE);
        fixture.givenNoPriorActivity()
               .when(tokenUser(BOB, "alice"))
               .expectSuccessfulHandlerExecution()
               .expectEvents(registered(tokenUser(BOB, "alice")));
        assertThat(claims.holder("alice")).isEqualTo(ALICE);
    }

    @Test
    void aBlankUsernameIsRefused() {
        expectRefusal(fixture.givenNoPriorActivity().when(tokenUser(ALICE, "  ")), Refusal.BAD_REQUEST);
    }

    @Test
    void aMissingUsernameIsRefused() {
        expectRefusal(fixture.givenNoPriorActivity().when(passwordUser(ALICE, null)), Refusal.BAD_REQUEST);
        assertThat(claims.isEmpty()).isTrue();
    }

    @Test
    void aUsernameLongerThan150CharactersIsRefused() {
        expectRefusal(fixture.givenNoPriorActivity().when(tokenUser(ALICE, "u".repeat(151))), Refusal.BAD_REQUEST);
    }

    @Test
    void namesOfTheGreatestAllowedLengthAreAccepted() {
        String longest = "n".repeat(Limits.NAME_MAX);
        RegisterUser command = new RegisterUser(ALICE, "alice", "alice@example.org", longest, longest, null, null);
        fixture.givenNoPriorActivity()
               .when(command)
               .expectEvents(registered(command));
    }

    @Test
    void aFirstNameLongerThanTheLimitIsRefused() {
        RegisterUser command = new RegisterUser(ALICE, "alice", "alice@example.org", TOO_LONG_NAME, null, null, null);
        expectRefusal(fixture.givenNoPriorActivity().when(command), Refusal.BAD_REQUEST);
    }

    @Test
    void aLastNameLongerThanTheLimitIsRefused() {
        RegisterUser command = new RegisterUser(ALICE, "alice", "alice@example.org", null, TOO_LONG_NAME, null, null);
        expectRefusal(fixture.givenNoPriorActivity().when(command), Refusal.BAD_REQUEST);
    }

    // --- ChangeUserSettings ---

    @Test
    void changedSettingsCarryEveryCurrentValue() {
        givenAlice().when(new ChangeUserSettings(ALICE, false, "Alicia", "Smyth"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(settingsChanged(false, "Alicia", "Smyth"));
    }

    @Test
    void nullFieldsKeepTheirValues() {
        givenAlice().when(new ChangeUserSettings(ALICE, false, null, null))
                    .expectEvents(settingsChanged(false, "Alice", "Smith"));
    }

    @Test
    void aChangedNameKeepsTheOtherSettings() {
        // Email notifications are on from registration.
        givenAlice().when(new ChangeUserSettings(ALICE, null, "Alicia", null))
                    .expectEvents(settingsChanged(true, "Alicia", "Smith"));
    }

    @Test
    void earlierChangesAreTheNewStartingPoint() {
        givenAlice().andGiven(settingsChanged(false, "Alicia", "Smyth"))
                    .when(new ChangeUserSettings(ALICE, true, null, null))
                    .expectEvents(settingsChanged(true, "Alicia", "Smyth"));
    }

    @Test
    void aMissingNotificationSettingKeepsAnOptOut() {
        givenAlice().andGiven(settingsChanged(false, "Alice", "Smith"))
                    .when(new ChangeUserSettings(ALICE, null, "Alicia", null))
                    .expectEvents(settingsChanged(false, "Alicia", "Smith"));
    }

    @Test
    void theSameValuesChangeNothing() {
        givenAlice().when(new ChangeUserSettings(ALICE, true, "Alice", "Smith"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
    }

    @Test
    void noValuesChangeNothing() {
        givenAlice().when(new ChangeUserSettings(ALICE, null, null, null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
    }

    @Test
    void aChangedFirstNameLongerThanTheLimitIsRefused() {
        expectRefusal(givenAlice().when(new ChangeUserSettings(ALICE, false, TOO_LONG_NAME, null)),
                      Refusal.BAD_REQUEST);
    }

    @Test
    void aChangedLastNameLongerThanTheLimitIsRefused() {
        expectRefusal(givenAlice().when(new ChangeUserSettings(ALICE, false, null, TOO_LONG_NAME)),
                      Refusal.BAD_REQUEST);
    }

    private TestExecutor<User> givenAlice() {
        return fixture.given(new UserRegistered(ALICE, "alice", "alice@example.org", "Alice", "Smith", null, HASH,
                                                fixture.currentTime()));
    }

    private UserRegistered registered(RegisterUser command) {
        return new UserRegistered(command.userId(), command.username(), command.email(), command.firstName(),
                                  command.lastName(), command.avatar(), command.passwordHash(), fixture.currentTime());
    }

    private UserSettingsChanged settingsChanged(boolean emailNotifications, String firstName, String lastName) {
        return new UserSettingsChanged(ALICE, emailNotifications, firstName, lastName, fixture.currentTime());
    }

    private static RegisterUser passwordUser(long userId, String username) {
        return new RegisterUser(userId, username, username + "@example.org", null, null, null, HASH);
    }

    private static RegisterUser tokenUser(long userId, String username) {
        return new RegisterUser(userId, username, username + "@example.org", null, null, null, null);
    }

    /** The rule "a username belongs to one user", case-insensitive like the JDBC table it stands in for. */
    private static final class InMemoryUsernameClaims implements UsernameClaims {

        private final Map<String, Long> holders = new HashMap<>();

        @Override
        public boolean claim(String username, long userId) {
            return holders.putIfAbsent(username.toLowerCase(Locale.ROOT), userId) == null;
        }

        Long holder(String username) {
            return holders.get(username.toLowerCase(Locale.ROOT));
        }

        boolean isEmpty() {
            return holders.isEmpty();
        }
    }
}
