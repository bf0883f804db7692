package io.parley.command.user;

import io.parley.api.AggregateIds;
import io.parley.api.Limits;
import io.parley.api.Refusal;
import io.parley.api.dialog.StartDialog;
import io.parley.api.user.AssignReviewer;
import io.parley.api.user.ChangeUserSettings;
import io.parley.api.user.OpenReviewerDialog;
import io.parley.api.user.ReviewerAssigned;
import io.parley.api.user.ReviewerDialogOpened;
import io.parley.api.user.RegisterUser;
import io.parley.api.user.UserRegistered;
import io.parley.api.user.UserSettingsChanged;
import io.parley.command.Clock;
import io.parley.command.Texts;
import io.parley.command.dialog.Dialog;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

@Aggregate(commandTargetResolver = "commandTargets")
public class User {

    @AggregateIdentifier
    private String id;
    private long userId;
    private boolean emailNotifications;
    private String firstName;
    private String lastName;
    private Long reviewerId;
    /** The dialog opened with each reviewer the user has had: a returning reviewer gets the same one. */
    private final Map<Long, Long> reviewerDialogs = new HashMap<>();

    protected User() {
        // for Axon
    }

    /** Created by {@link UserRegistration}, which checks the command and claims the username first. */
    User(RegisterUser command) {
        apply(new UserRegistered(command.userId(), command.username(), command.email(), command.firstName(),
                                 command.lastName(), command.avatar(), command.passwordHash(), Clock.now()));
    }

    /** The rules of a registration, checked before anything (the username claim) is written. */
    static void validate(RegisterUser command) {
        Texts.required("username", command.username(), Limits.USERNAME_MAX);
        Texts.optional("first_name", command.firstName(), Limits.NAME_MAX);
        Texts.optional("last_name", command.lastName(), Limits.NAME_MAX);
        String avatar = Texts.optional("avatar", command.avatar(), 500);
        if (avatar != null && !avatar.startsWith("https://") && !avatar.startsWith("http://")) {
            throw Refusal.badRequest("avatar must be an http or https URL");
        }
    }

    @CommandHandler
    public void handle(ChangeUserSettings command) {
        boolean notifications = command.emailNotifications() != null ? command.emailNotifications()
                                                                     : emailNotifications;
        String first = command.firstName() != null
                       ? Texts.optional("first_name", command.firstName(), Limits.NAME_MAX) : firstName;
        String last = command.lastName() != null
                      ? Texts.optional("last_name", command.lastName(), Limits.NAME_MAX) : lastName;
        if (notifications == emailNotifications && Objects.equals(first, firstName)
                && Objects.equals(last, lastName)) {
            return; // nothing changes, so nothing happened
        }
        apply(new UserSettingsChanged(userId, notifications, first, last, Clock.now()));
    }

    @CommandHandler
    public void handle(AssignReviewer command) {
        if (command.reviewerId() == userId) {
            throw Refusal.badRequest("a user cannot be their own reviewer");
        }
        if (reviewerId != null && reviewerId == command.reviewerId()) {
            return;
        }
        apply(new ReviewerAssigned(userId, command.reviewerId(), command.assignedBy(), Clock.now()));
    }

    @CommandHandler
    public long handle(OpenReviewerDialog command) throws Exception {
        if (reviewerId == null) {
            throw Refusal.forbidden("you have no reviewer");
        }
        Long existing = reviewerDialogs.get(reviewerId);
        if (existing != null) {
            return existing;
        }
        long reviewer = reviewerId;
        apply(new ReviewerDialogOpened(userId, reviewer, command.newDialogId(), Clock.now()));
        AggregateLifecycle.createNew(Dialog.class, () -> new Dialog(
                new StartDialog(command.newDialogId(), List.of(userId, reviewer), userId)));
        return command.newDialogId();
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        id = AggregateIds.user(event.userId());
        userId = event.userId();
        emailNotifications = true;
        firstName = event.firstName();
        lastName = event.lastName();
    }

    @EventSourcingHandler
    void on(ReviewerAssigned event) {
        reviewerId = event.reviewerId();
    }

    @EventSourcingHandler
    void on(ReviewerDialogOpened event) {
        reviewerDialogs.put(event.reviewerId(), event.dialogId());
    }

    @EventSourcingHandler
    void on(UserSettingsChanged event) {
        emailNotifications = event.emailNotifications();
        firstName = event.firstName();
        lastName = event.lastName();
    }
}
