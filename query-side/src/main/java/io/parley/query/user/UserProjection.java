package io.parley.query.user;

import io.parley.api.user.FindLogin;
import io.parley.api.user.FindReviewer;
import io.parley.api.user.FindUser;
import io.parley.api.user.FindUsers;
import io.parley.api.user.ReviewerAssigned;
import io.parley.api.user.LoginView;
import io.parley.api.user.UserRegistered;
import io.parley.api.user.UserList;
import io.parley.api.user.UserSettingsChanged;
import io.parley.api.user.UserView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;

/** The users read model: profiles, settings, and password logins. */
@Component
@ProcessingGroup("projections")
public class UserProjection {

    private final UserEntryRepository users;
    private final UserProfiles profiles;

    public UserProjection(UserEntryRepository users, UserProfiles profiles) {
        this.users = users;
        this.profiles = profiles;
    }

    @EventHandler
    void on(UserRegistered event) {
        users.save(new UserEntry(event.userId(), event.username(), event.email(), event.firstName(),
                                 event.lastName(), event.avatar(), event.passwordHash()));
    }

    @EventHandler
    void on(UserSettingsChanged event) {
        users.findById(event.userId())
             .ifPresent(u -> u.changeSettings(event.emailNotifications(), event.firstName(), event.lastName()));
    }

    @EventHandler
    void on(ReviewerAssigned event) {
        users.findById(event.userId()).ifPresent(u -> u.assignReviewer(event.reviewerId()));
    }

    @ResetHandler
    void reset() {
        users.deleteAllInBatch();
    }

    @QueryHandler
    public UserView handle(FindUser query) {
        return profiles.find(query.userId());
    }

    @QueryHandler
    public UserList handle(FindUsers query) {
        return new UserList(List.copyOf(profiles.find(query.userIds()).values()));
    }

    @QueryHandler
    public Long handle(FindReviewer query) {
        return users.findById(query.userId()).map(UserEntry::getReviewerId).orElse(null);
    }

    @QueryHandler
    public LoginView handle(FindLogin query) {
        return users.findFirstByUsernameKeyAndPasswordHashIsNotNull(query.username().toLowerCase(Locale.ROOT))
                    .map(u -> {
                        UserView view = u.toView();
                        return new LoginView(view.id(), view.username(), view.email(), u.getPasswordHash());
                    })
                    .orElse(null);
    }
}
