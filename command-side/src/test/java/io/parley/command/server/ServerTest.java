package io.parley.command.server;

import io.parley.command.CommandTargets;
import io.parley.api.Limits;
import io.parley.api.Refusal;
import io.parley.api.server.BanUser;
import io.parley.api.server.ChannelCreated;
import io.parley.api.server.ChannelDeleted;
import io.parley.api.server.ChannelEdited;
import io.parley.api.server.ChannelMessagePosted;
import io.parley.api.server.ChannelType;
import io.parley.api.server.CreateChannel;
import io.parley.api.server.CreateInvite;
import io.parley.api.server.CreateServer;
import io.parley.api.server.DeleteChannel;
import io.parley.api.server.DeleteInvite;
import io.parley.api.server.DeleteServer;
import io.parley.api.server.EditChannel;
import io.parley.api.server.EditServer;
import io.parley.api.server.InviteCreated;
import io.parley.api.server.InviteDeleted;
import io.parley.api.server.JoinServer;
import io.parley.api.server.KickMember;
import io.parley.api.server.LeaveReason;
import io.parley.api.server.LeaveServer;
import io.parley.api.server.MemberJoined;
import io.parley.api.server.MemberLeft;
import io.parley.api.server.PostChannelMessage;
import io.parley.api.server.ServerCreated;
import io.parley.api.server.ServerDeleted;
import io.parley.api.server.ServerEdited;
import io.parley.api.server.UnbanUser;
import io.parley.api.server.UserBanned;
import io.parley.api.server.UserUnbanned;
import io.parley.command.NonceClaims;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static io.parley.command.Refusals.expectRefusal;
import static org.assertj.core.api.Assertions.assertThat;

class ServerTest {

    private static final long SERVER = 1;
    private static final long OWNER = 10;
    private static final long MEMBER = 20;
    private static final long OTHER_MEMBER = 30;
    private static final long OUTSIDER = 99;
    private static final long TEXT = 100;
    private static final long VOICE = 101;
    private static final long MESSAGE = 500;
    private static final String CODE = "c0de";
    private static final Duration HOUR = Duration.ofHours(1);

    private AggregateTestFixture<Server> fixture;
    private final InMemoryServerOwnership ownership = new InMemoryServerOwnership();
    /** The nonce rule itself (a user's nonce names one message), kept in memory for the fixture. */
    private final Map<String, Long> nonces = new HashMap<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Server.class);
        // The resolver the aggregates name in production, so these tests go through it too.
        fixture.registerCommandTargetResolver(new CommandTargets());
        NonceClaims claims = (userId, nonce, messageId) ->
                Optional.ofNullable(nonces.putIfAbsent(userId + "/" + nonce, messageId));
        ServerAccess unused = (serverId, channelId, userId) -> ChannelAccess.NONE; // messages started here need one
        fixture.registerInjectableResources(ownership, claims, unused);
        fixture.registerAnnotatedCommandHandler(new ServerCreation(fixture.getRepository(), ownership));
    }

    // --- CreateServer ---

    @Test
    void theCreatorOwnsTheNewServer() {
        fixture.givenNoPriorActivity()
               .when(new CreateServer(SERVER, OWNER, "hideout"))
               .expectSuccessfulHandlerExecution()
               .expectResultMessagePayload(SERVER)
               .expectEvents(new ServerCreated(SERVER, "hideout", OWNER, fixture.currentTime()));
        assertThat(ownership.owned(OWNER)).isEqualTo(1);
    }

    @Test
    void aNameOfTheGreatestAllowedLengthIsAccepted() {
        String longest = "n".repeat(Limits.SERVER_NAME_MAX);
        fixture.givenNoPriorActivity()
               .when(new CreateServer(SERVER, OWNER, longest))
               .expectEvents(new ServerCreated(SERVER, longest, OWNER, fixture.currentTime()));
    }

    @Test
    void aBlankMissingOrTooLongNameIsRefusedAndTakesNoOwnership() {
        for (String name : new String[]{" ", null, "n".repeat(Limits.SERVER_NAME_MAX + 1)}) {
            expectRefusal(fixture.givenNoPriorActivity().when(new CreateServer(SERVER, OWNER, name)),
                          Refusal.BAD_REQUEST);
        }
        assertThat(ownership.owned(OWNER)).isZero();
    }

    @Test
    void theEleventhOwnedServerIsRefused() {
        ownership.set(OWNER, Limits.SERVERS_OWNED_MAX);
        expectRefusal(fixture.givenNoPriorActivity().when(new CreateServer(SERVER, OWNER, "one too many")),
                      Refusal.CONFLICT);
        assertThat(ownership.owned(OWNER)).isEqualTo(Limits.SERVERS_OWNED_MAX);
    }

    // --- EditServer ---

    @Test
    void theOwnerRenamesTheServer() {
        givenServer().when(new EditServer(SERVER, OWNER, "new name", null))
                     .expectEvents(new ServerEdited(SERVER, "new name", OWNER, OWNER, OWNER, fixture.currentTime()));
    }

    @Test
    void theOwnerHandsTheServerToAMemberAndTheCountsMove() {
        ownership.set(OWNER, 1);
        givenServer().when(new EditServer(SERVER, OWNER, null, MEMBER))
                     .expectEvents(new ServerEdited(SERVER, "hideout", MEMBER, OWNER, OWNER, fixture.currentTime()));
        assertThat(ownership.owned(OWNER)).isZero();
        assertThat(ownership.owned(MEMBER)).isEqualTo(1);
    }

    @Test
    void renameAndHandOverInOneEdit() {
        givenServer().when(new EditServer(SERVER, OWNER, "theirs now", MEMBER))
                     .expectEvents(new ServerEdited(SERVER, "theirs now", MEMBER, OWNER, OWNER,
                                                    fixture.currentTime()));
    }

    @Test
    void theNewOwnerMustBeAMember() {
        expectRefusal(givenServer().when(new EditServer(SERVER, OWNER, null, OUTSIDER)), Refusal.NOT_FOUND);
        assertThat(ownership.owned(OUTSIDER)).isZero();
    }

    @Test
    void aNewOwnerWhoOwnsTheMostAllowedIsRefused() {
        ownership.set(OWNER, 1);
        ownership.set(MEMBER, Limits.SERVERS_OWNED_MAX);
        expectRefusal(givenServer().when(new EditServer(SERVER, OWNER, null, MEMBER)), Refusal.CONFLICT);
        assertThat(ownership.owned(OWNER)).isEqualTo(1);
        assertThat(ownership.owned(MEMBER)).isEqualTo(Limits.SERVERS_OWNED_MAX);
    }

    @Test
    void anEditThatChangesNothingStoresNothing() {
        givenServer().when(new EditServer(SERVER, OWNER, "hideout", OWNER))
                     .expectSuccessfulHandlerExecution()
                     .expectNoEvents();
    }

    @Test
    void aBadNameIsRefused() {
        expectRefusal(givenServer().when(new EditServer(SERVER, OWNER, "", null)), Refusal.BAD_REQUEST);
        expectRefusal(givenServer().when(new EditServer(SERVER, OWNER, "n".repeat(Limits.SERVER_NAME_MAX + 1), null)),
                      Refusal.BAD_REQUEST);
    }

    @Test
    void theFormerOwnerMayNoLongerEditAndTheNewOneMay() {
        TestExecutor<Server> handedOver = givenServer().andGiven(
                new ServerEdited(SERVER, "hideout", MEMBER, OWNER, OWNER, fixture.currentTime()));
        expectRefusal(handedOver.when(new EditServer(SERVER, OWNER, "mine again", null)), Refusal.FORBIDDEN);
        givenServer().andGiven(new ServerEdited(SERVER, "hideout", MEMBER, OWNER, OWNER, fixture.currentTime()))
                     .when(new EditServer(SERVER, MEMBER, "renamed", null))
                     .expectEvents(new ServerEdited(SERVER, "renamed", MEMBER, MEMBER, MEMBER, fixture.currentTime()));
    }

    // --- DeleteServer ---

    @Test
    void theOwnerDeletesTheServerAndOwnsOneLess() {
        ownership.set(OWNER, 3);
        givenServer().when(new DeleteServer(SERVER, OWNER))
                     .expectEvents(new ServerDeleted(SERVER, OWNER, fixture.currentTime()));
        assertThat(ownership.owned(OWNER)).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("ownerOnlyCommands")
    void ownerOnlyCommandsRefuseOtherMembers(Object byMember) {
        expectRefusal(givenServer().when(byMember), Refusal.FORBIDDEN);
    }

    static Stream<Object> ownerOnlyCommands() {
        return Stream.of(new EditServer(SERVER, MEMBER, "mine", null),
                         new EditServer(SERVER, MEMBER, null, MEMBER),
                         new DeleteServer(SERVER, MEMBER),
                         new KickMember(SERVER, MEMBER, OTHER_MEMBER),
                         new BanUser(SERVER, MEMBER, OTHER_MEMBER, null),
                         new UnbanUser(SERVER, MEMBER, OUTSIDER),
                         new CreateInvite(SERVER, MEMBER, "other", null),
                         new DeleteInvite(SERVER, MEMBER, CODE),
                         new CreateChannel(SERVER, 102, MEMBER, "mine", ChannelType.TEXT),
                         new EditChannel(SERVER, TEXT, MEMBER, "mine", null),
                         new DeleteChannel(SERVER, TEXT, MEMBER));
    }

    @ParameterizedTest
    @MethodSource("commandsByAnOutsider")
    void toAnOutsiderTheServerDoesNotExist(Object byOutsider) {
        expectRefusal(givenServer().when(byOutsider), Refusal.NOT_FOUND);
    }

    static Stream<Object> commandsByAnOutsider() {
        return Stream.of(new EditServer(SERVER, OUTSIDER, "mine", null),
                         new DeleteServer(SERVER, OUTSIDER),
                         new LeaveServer(SERVER, OUTSIDER),
                         new KickMember(SERVER, OUTSIDER, MEMBER),
                         new BanUser(SERVER, OUTSIDER, MEMBER, null),
                         new UnbanUser(SERVER, OUTSIDER, MEMBER),
                         new CreateInvite(SERVER, OUTSIDER, "other", null),
                         new DeleteInvite(SERVER, OUTSIDER, CODE),
                         new CreateChannel(SERVER, 102, OUTSIDER, "mine", ChannelType.TEXT),
                         new EditChannel(SERVER, TEXT, OUTSIDER, "mine", null),
                         new DeleteChannel(SERVER, TEXT, OUTSIDER),
                         // membership is checked first: a bad text tells the outsider nothing either
                         new PostChannelMessage(SERVER, TEXT, MESSAGE, OUTSIDER, " ", null));
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void aDeletedServerIsNotFoundByAnyCommand(Object command) {
        expectRefusal(givenServer().andGiven(new ServerDeleted(SERVER, OWNER, fixture.currentTime())).when(command),
                      Refusal.NOT_FOUND);
    }

    static Stream<Object> everyCommand() {
        return Stream.of(new EditServer(SERVER, OWNER, "back", null),
                         new DeleteServer(SERVER, OWNER),
                         new LeaveServer(SERVER, MEMBER),
                         new KickMember(SERVER, OWNER, MEMBER),
                         new BanUser(SERVER, OWNER, MEMBER, null),
                         new UnbanUser(SERVER, OWNER, MEMBER),
                         new CreateInvite(SERVER, OWNER, "other", null),
                         new DeleteInvite(SERVER, OWNER, CODE),
                         new JoinServer(SERVER, OUTSIDER, CODE),
                         new CreateChannel(SERVER, 102, OWNER, "general", ChannelType.TEXT),
                         new EditChannel(SERVER, TEXT, OWNER, "renamed", null),
                         new DeleteChannel(SERVER, TEXT, OWNER),
                         new PostChannelMessage(SERVER, TEXT, MESSAGE, MEMBER, "hello?", null));
    }

    // --- LeaveServer ---

    @Test
    void aMemberLeaves() {
        givenServer().when(new LeaveServer(SERVER, MEMBER))
                     .expectEvents(new MemberLeft(SERVER, MEMBER, LeaveReason.LEFT, MEMBER, fixture.currentTime()));
    }

    @Test
    void theOwnerCannotLeaveWithoutHandingTheServerOn() {
        expectRefusal(givenServer().when(new LeaveServer(SERVER, OWNER)), Refusal.FORBIDDEN);
        givenServer().andGiven(new ServerEdited(SERVER, "hideout", MEMBER, OWNER, OWNER, fixture.currentTime()))
                     .when(new LeaveServer(SERVER, OWNER))
                     .expectEvents(new MemberLeft(SERVER, OWNER, LeaveReason.LEFT, OWNER, fixture.currentTime()));
    }

    @Test
    void aMemberWhoLeftIsAnOutsider() {
        expectRefusal(givenServer().andGiven(left(MEMBER, LeaveReason.LEFT, MEMBER))
                                   .when(new LeaveServer(SERVER, MEMBER)),
                      Refusal.NOT_FOUND);
    }

    // --- KickMember ---

    @Test
    void theOwnerKicksAMember() {
        givenServer().when(new KickMember(SERVER, OWNER, MEMBER))
                     .expectEvents(left(MEMBER, LeaveReason.KICKED, OWNER));
    }

    @Test
    void kickingSomeoneWhoIsNoMemberIsRefused() {
        expectRefusal(givenServer().when(new KickMember(SERVER, OWNER, OUTSIDER)), Refusal.NOT_FOUND);
    }

    @Test
    void theOwnerCannotKickThemselves() {
        expectRefusal(givenServer().when(new KickMember(SERVER, OWNER, OWNER)), Refusal.BAD_REQUEST);
    }

    @Test
    void aKickedMemberMayRejoin() {
        givenServer().andGiven(left(MEMBER, LeaveReason.KICKED, OWNER))
                     .when(new JoinServer(SERVER, MEMBER, CODE))
                     .expectEvents(new MemberJoined(SERVER, MEMBER, CODE, fixture.currentTime()));
    }

    // --- BanUser, UnbanUser ---

    @Test
    void banningAMemberRemovesThem() {
        givenServer().when(new BanUser(SERVER, OWNER, MEMBER, null))
                     .expectEvents(new UserBanned(SERVER, MEMBER, OWNER, null, fixture.currentTime()),
                                   left(MEMBER, LeaveReason.BANNED, OWNER));
    }

    @Test
    void anOutsiderCanBeBannedForATime() {
        Instant expires = fixture.currentTime().plus(HOUR);
        givenServer().when(new BanUser(SERVER, OWNER, OUTSIDER, expires))
                     .expectEvents(new UserBanned(SERVER, OUTSIDER, OWNER, expires, fixture.currentTime()));
    }

    @Test
    void aBanMustEndInTheFuture() {
        expectRefusal(givenServer().when(new BanUser(SERVER, OWNER, MEMBER, fixture.currentTime())),
                      Refusal.BAD_REQUEST);
        expectRefusal(givenServer().when(new BanUser(SERVER, OWNER, MEMBER, fixture.currentTime().minus(HOUR))),
                      Refusal.BAD_REQUEST);
    }

    @Test
    void theOwnerCannotBanThemselves() {
        expectRefusal(givenServer().when(new BanUser(SERVER, OWNER, OWNER, null)), Refusal.BAD_REQUEST);
    }

    @Test
    void aBannedUserCannotJoin() {
        expectRefusal(givenServer().andGiven(banned(OUTSIDER, null)).when(new JoinServer(SERVER, OUTSIDER, CODE)),
                      Refusal.FORBIDDEN);
    }

    @Test
    void aBannedUserJoinsOnceTheBanHasExpired() {
        Instant start = fixture.currentTime();
        givenServer().andGiven(banned(OUTSIDER, start.plus(HOUR)))
                     .andGivenCurrentTime(start.plus(HOUR).plusMillis(1))
                     .when(new JoinServer(SERVER, OUTSIDER, CODE))
                     .expectEvents(new MemberJoined(SERVER, OUTSIDER, CODE, start.plus(HOUR).plusMillis(1)));
    }

    @Test
    void aBanStillInForceRefusesTheJoin() {
        Instant start = fixture.currentTime();
        expectRefusal(givenServer().andGiven(banned(OUTSIDER, start.plus(HOUR)))
                                   .andGivenCurrentTime(start.plus(HOUR).minusMillis(1))
                                   .when(new JoinServer(SERVER, OUTSIDER, CODE)),
                      Refusal.FORBIDDEN);
    }

    @Test
    void anUnbannedUserJoinsAgain() {
        givenServer().andGiven(banned(OUTSIDER, null))
                     .when(new UnbanUser(SERVER, OWNER, OUTSIDER))
                     .expectEvents(new UserUnbanned(SERVER, OUTSIDER, OWNER, fixture.currentTime()));
        givenServer().andGiven(banned(OUTSIDER, null), new UserUnbanned(SERVER, OUTSIDER, OWNER, fixture.currentTime()))
                     .when(new JoinServer(SERVER, OUTSIDER, CODE))
                     .expectEvents(new MemberJoined(SERVER, OUTSIDER, CODE, fixture.currentTime()));
    }

    @Test
    void unbanningSomeoneWhoIsNotBannedIsRefused() {
        expectRefusal(givenServer().when(new UnbanUser(SERVER, OWNER, OUTSIDER)), Refusal.NOT_FOUND);
        Instant start = fixture.currentTime();
        expectRefusal(givenServer().andGiven(banned(OUTSIDER, start.plus(HOUR)))
                                   .andGivenCurrentTime(start.plus(HOUR).plusMillis(1))
                                   .when(new UnbanUser(SERVER, OWNER, OUTSIDER)),
                      Refusal.NOT_FOUND);
    }

    // --- invites and joining ---

    @Test
    void theOwnerCreatesInvitesWithAndWithoutExpiry() {
        Instant expires = fixture.currentTime().plus(HOUR);
        givenServer().when(new CreateInvite(SERVER, OWNER, "abc", expires))
                     .expectEvents(new InviteCreated(SERVER, "abc", OWNER, expires, fixture.currentTime()));
        givenServer().when(new CreateInvite(SERVER, OWNER, "abc", null))
                     .expectEvents(new InviteCreated(SERVER, "abc", OWNER, null, fixture.currentTime()));
    }

    @Test
    void anInviteMustEndInTheFuture() {
        expectRefusal(givenServer().when(new CreateInvite(SERVER, OWNER, "abc", fixture.currentTime())),
                      Refusal.BAD_REQUEST);
    }

    @Test
    void aBlankTooLongOrTakenCodeIsRefused() {
        expectRefusal(givenServer().when(new CreateInvite(SERVER, OWNER, " ", null)), Refusal.BAD_REQUEST);
        expectRefusal(givenServer().when(new CreateInvite(SERVER, OWNER, "c".repeat(Limits.INVITE_CODE_MAX + 1),
                                                          null)),
                      Refusal.BAD_REQUEST);
        expectRefusal(givenServer().when(new CreateInvite(SERVER, OWNER, CODE, null)), Refusal.CONFLICT);
    }

    @Test
    void theTwentyFirstValidInviteIsRefused() {
        // givenServer has one invite already
        expectRefusal(givenServer().andGiven(invites(Limits.INVITES_PER_SERVER_MAX - 1, null))
                                   .when(new CreateInvite(SERVER, OWNER, "one-too-many", null)),
                      Refusal.CONFLICT);
    }

    @Test
    void expiredInvitesDoNotCount() {
        Instant start = fixture.currentTime();
        givenServer().andGiven(invites(Limits.INVITES_PER_SERVER_MAX - 1, start.plus(HOUR)))
                     .andGivenCurrentTime(start.plus(HOUR))
                     .when(new CreateInvite(SERVER, OWNER, "fresh", null))
                     .expectEvents(new InviteCreated(SERVER, "fresh", OWNER, null, start.plus(HOUR)));
    }

    @Test
    void theOwnerDeletesAnInviteAndItNoLongerAdmits() {
        givenServer().when(new DeleteInvite(SERVER, OWNER, CODE))
                     .expectEvents(new InviteDeleted(SERVER, CODE, OWNER, fixture.currentTime()));
        expectRefusal(givenServer().andGiven(new InviteDeleted(SERVER, CODE, OWNER, fixture.currentTime()))
                                   .when(new JoinServer(SERVER, OUTSIDER, CODE)),
                      Refusal.NOT_FOUND);
    }

    @Test
    void deletingAnUnknownInviteIsRefused() {
        expectRefusal(givenServer().when(new DeleteInvite(SERVER, OWNER, "nope")), Refusal.NOT_FOUND);
    }

    @Test
    void anExpiredInviteCanStillBeDeleted() {
        Instant start = fixture.currentTime();
        givenServer().andGiven(new InviteCreated(SERVER, "short", OWNER, start.plus(HOUR), start))
                     .andGivenCurrentTime(start.plus(HOUR).plus(HOUR))
                     .when(new DeleteInvite(SERVER, OWNER, "short"))
                     .expectEvents(new InviteDeleted(SERVER, "short", OWNER, start.plus(HOUR).plus(HOUR)));
    }

    @Test
    void anyoneWithAValidCodeJoins() {
        givenServer().when(new JoinServer(SERVER, OUTSIDER, CODE))
                     .expectEvents(new MemberJoined(SERVER, OUTSIDER, CODE, fixture.currentTime()));
    }

    @Test
    void anUnknownCodeIsRefused() {
        expectRefusal(givenServer().when(new JoinServer(SERVER, OUTSIDER, "nope")), Refusal.NOT_FOUND);
    }

    @Test
    void anExpiredCodeIsRefused() {
        Instant start = fixture.currentTime();
        expectRefusal(givenServer().andGiven(new InviteCreated(SERVER, "short", OWNER, start.plus(HOUR), start))
                                   .andGivenCurrentTime(start.plus(HOUR))
                                   .when(new JoinServer(SERVER, OUTSIDER, "short")),
                      Refusal.NOT_FOUND);
    }

    @Test
    void aMemberJoiningAgainChangesNothing() {
        givenServer().when(new JoinServer(SERVER, MEMBER, CODE))
                     .expectSuccessfulHandlerExecution()
                     .expectNoEvents();
    }

    // --- channels ---

    @Test
    void theOwnerCreatesTextAndVoiceChannels() {
        givenServer().when(new CreateChannel(SERVER, 102, OWNER, "lobby", ChannelType.VOICE))
                     .expectEvents(new ChannelCreated(SERVER, 102, "lobby", ChannelType.VOICE, OWNER,
                                                      fixture.currentTime()));
    }

    @Test
    void anUnknownChannelTypeIsRefused() {
        expectRefusal(givenServer().when(new CreateChannel(SERVER, 102, OWNER, "x", 2)), Refusal.BAD_REQUEST);
        expectRefusal(givenServer().when(new CreateChannel(SERVER, 102, OWNER, "x", -1)), Refusal.BAD_REQUEST);
        expectRefusal(givenServer().when(new EditChannel(SERVER, TEXT, OWNER, null, 7)), Refusal.BAD_REQUEST);
    }

    @Test
    void aBadChannelNameIsRefused() {
        expectRefusal(givenServer().when(new CreateChannel(SERVER, 102, OWNER, "", ChannelType.TEXT)),
                      Refusal.BAD_REQUEST);
        expectRefusal(givenServer().when(new CreateChannel(SERVER, 102, OWNER, "n".repeat(Limits.SERVER_NAME_MAX + 1),
                                                           ChannelType.TEXT)),
                      Refusal.BAD_REQUEST);
        expectRefusal(givenServer().when(new EditChannel(SERVER, TEXT, OWNER, "  ", null)), Refusal.BAD_REQUEST);
    }

    @Test
    void theFiftyFirstChannelIsRefusedUntilOneIsDeleted() {
        // givenServer has two channels already
        List<Object> full = channels(Limits.CHANNELS_PER_SERVER_MAX - 2);
        expectRefusal(givenServer().andGiven(full).when(new CreateChannel(SERVER, 999, OWNER, "x", ChannelType.TEXT)),
                      Refusal.CONFLICT);
        givenServer().andGiven(full)
                     .andGiven(new ChannelDeleted(SERVER, TEXT, OWNER, fixture.currentTime()))
                     .when(new CreateChannel(SERVER, 999, OWNER, "x", ChannelType.TEXT))
                     .expectEvents(new ChannelCreated(SERVER, 999, "x", ChannelType.TEXT, OWNER,
                                                      fixture.currentTime()));
    }

    @Test
    void anEditedChannelCarriesItsWholeState() {
        givenServer().when(new EditChannel(SERVER, TEXT, OWNER, null, ChannelType.VOICE))
                     .expectEvents(new ChannelEdited(SERVER, TEXT, "general", ChannelType.VOICE, OWNER,
                                                     fixture.currentTime()));
        givenServer().when(new EditChannel(SERVER, TEXT, OWNER, "talk", null))
                     .expectEvents(new ChannelEdited(SERVER, TEXT, "talk", ChannelType.TEXT, OWNER,
                                                     fixture.currentTime()));
    }

    @Test
    void aChannelEditThatChangesNothingStoresNothing() {
        givenServer().when(new EditChannel(SERVER, TEXT, OWNER, "general", ChannelType.TEXT))
                     .expectSuccessfulHandlerExecution()
                     .expectNoEvents();
    }

    @Test
    void aChannelOfAnotherServerIsNotFound() {
        expectRefusal(givenServer().when(new EditChannel(SERVER, 777, OWNER, "x", null)), Refusal.NOT_FOUND);
        expectRefusal(givenServer().when(new DeleteChannel(SERVER, 777, OWNER)), Refusal.NOT_FOUND);
        expectRefusal(givenServer().when(new PostChannelMessage(SERVER, 777, MESSAGE, MEMBER, "hi", null)),
                      Refusal.NOT_FOUND);
    }

    @Test
    void theOwnerDeletesAChannelAndNothingMoreIsPostedInIt() {
        givenServer().when(new DeleteChannel(SERVER, TEXT, OWNER))
                     .expectEvents(new ChannelDeleted(SERVER, TEXT, OWNER, fixture.currentTime()));
        expectRefusal(givenServer().andGiven(new ChannelDeleted(SERVER, TEXT, OWNER, fixture.currentTime()))
                                   .when(new PostChannelMessage(SERVER, TEXT, MESSAGE, MEMBER, "hi", null)),
                      Refusal.NOT_FOUND);
    }

    // --- PostChannelMessage ---

    @Test
    void aMemberPostsAMessageWhichStartsItsOwnStream() {
        givenServer().when(new PostChannelMessage(SERVER, TEXT, MESSAGE, MEMBER, "hello", null))
                     .expectSuccessfulHandlerExecution()
                     .expectResultMessagePayload(MESSAGE)
                     .expectEvents(posted(MEMBER, "hello"));
    }

    @Test
    void aTextOfTheGreatestAllowedLengthIsPosted() {
        String longest = "x".repeat(Limits.CHANNEL_MESSAGE_TEXT_MAX);
        givenServer().when(new PostChannelMessage(SERVER, TEXT, MESSAGE, OWNER, longest, null))
                     .expectEvents(posted(OWNER, longest));
    }

    @Test
    void aBlankMissingOrTooLongTextIsRefused() {
        for (String text : new String[]{" \n", null, "x".repeat(Limits.CHANNEL_MESSAGE_TEXT_MAX + 1)}) {
            expectRefusal(givenServer().when(new PostChannelMessage(SERVER, TEXT, MESSAGE, MEMBER, text, null)),
                          Refusal.BAD_REQUEST);
        }
    }

    @Test
    void voiceChannelsTakeNoMessages() {
        expectRefusal(givenServer().when(new PostChannelMessage(SERVER, VOICE, MESSAGE, MEMBER, "hi", null)),
                      Refusal.BAD_REQUEST);
    }

    @Test
    void aRemovedMemberCannotPost() {
        expectRefusal(givenServer().andGiven(left(MEMBER, LeaveReason.KICKED, OWNER))
                                   .when(new PostChannelMessage(SERVER, TEXT, MESSAGE, MEMBER, "hi", null)),
                      Refusal.NOT_FOUND);
    }

    @Test
    void aNewNonceIsClaimedAndARepeatedOneAnswersTheFirstMessage() {
        givenServer().when(new PostChannelMessage(SERVER, TEXT, MESSAGE, MEMBER, "hi", "n-1"))
                     .expectResultMessagePayload(MESSAGE)
                     .expectEvents(posted(MEMBER, "hi"));
        assertThat(nonces).containsEntry(MEMBER + "/channel:n-1", MESSAGE);
        givenServer().when(new PostChannelMessage(SERVER, TEXT, MESSAGE + 1, MEMBER, "hi again", "n-1"))
                     .expectSuccessfulHandlerExecution()
                     .expectResultMessagePayload(MESSAGE)
                     .expectNoEvents();
    }

    @Test
    void aBlankOrTooLongNonceIsRefused() {
        expectRefusal(givenServer().when(new PostChannelMessage(SERVER, TEXT, MESSAGE, MEMBER, "hi", " ")),
                      Refusal.BAD_REQUEST);
        expectRefusal(givenServer().when(new PostChannelMessage(SERVER, TEXT, MESSAGE, MEMBER, "hi",
                                                                "n".repeat(Limits.NONCE_MAX + 1))),
                      Refusal.BAD_REQUEST);
    }

    // --- what a channel message asks the server ---

    @Test
    void accessToAChannelFollowsMembershipOwnershipAndTheChannel() {
        givenServer().andGiven(new ChannelDeleted(SERVER, VOICE, OWNER, fixture.currentTime()))
                     .when(new EditServer(SERVER, OWNER, "hideout", null)) // changes nothing: a look at the state
                     .expectNoEvents()
                     .expectState(server -> {
                         assertThat(server.accessTo(TEXT, OWNER)).isEqualTo(ChannelAccess.OWNER);
                         assertThat(server.accessTo(TEXT, MEMBER)).isEqualTo(ChannelAccess.MEMBER);
                         assertThat(server.accessTo(TEXT, OUTSIDER)).isEqualTo(ChannelAccess.NONE);
                         assertThat(server.accessTo(VOICE, MEMBER)).isEqualTo(ChannelAccess.NONE);
                         assertThat(server.accessTo(777, OWNER)).isEqualTo(ChannelAccess.NONE);
                     });
    }

    // --- givens ---

    /** A server of OWNER with MEMBER and OTHER_MEMBER, a text and a voice channel, and one invite. */
    private TestExecutor<Server> givenServer() {
        Instant now = fixture.currentTime();
        return fixture.given(new ServerCreated(SERVER, "hideout", OWNER, now),
                             new InviteCreated(SERVER, CODE, OWNER, null, now),
                             new MemberJoined(SERVER, MEMBER, CODE, now),
                             new MemberJoined(SERVER, OTHER_MEMBER, CODE, now),
                             new ChannelCreated(SERVER, TEXT, "general", ChannelType.TEXT, OWNER, now),
                             new ChannelCreated(SERVER, VOICE, "lounge", ChannelType.VOICE, OWNER, now));
    }

    private MemberLeft left(long userId, LeaveReason reason, long by) {
        return new MemberLeft(SERVER, userId, reason, by, fixture.currentTime());
    }

    private UserBanned banned(long userId, Instant expires) {
        return new UserBanned(SERVER, userId, OWNER, expires, fixture.currentTime());
    }

    private ChannelMessagePosted posted(long authorId, String text) {
        return new ChannelMessagePosted(MESSAGE, TEXT, SERVER, authorId, text, fixture.currentTime());
    }

    private List<Object> invites(int count, Instant expires) {
        List<Object> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new InviteCreated(SERVER, "code-" + i, OWNER, expires, fixture.currentTime()));
        }
        return events;
    }

    private List<Object> channels(int count) {
        List<Object> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new ChannelCreated(SERVER, 1000 + i, "c" + i, ChannelType.TEXT, OWNER, fixture.currentTime()));
        }
        return events;
    }

    /** The ownership rule itself (at most the limit per user), in memory like the table it stands in for. */
    private static final class InMemoryServerOwnership implements ServerOwnership {

        private final Map<Long, Integer> owned = new HashMap<>();

        @Override
        public boolean take(long ownerId, int max) {
            if (owned(ownerId) >= max) {
                return false;
            }
            owned.merge(ownerId, 1, Integer::sum);
            return true;
        }

        @Override
        public void release(long ownerId) {
            owned.computeIfPresent(ownerId, (id, count) -> count > 0 ? count - 1 : 0);
        }

        int owned(long ownerId) {
            return owned.getOrDefault(ownerId, 0);
        }

        void set(long ownerId, int count) {
            owned.put(ownerId, count);
        }
    }
}
