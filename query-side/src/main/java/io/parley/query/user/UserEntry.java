package io.parley.query.user;

import io.parley.api.user.UserView;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.Locale;

@Entity
@Table(name = "user_view")
public class UserEntry {

    @Id
    private long id;
    private String username;
    private String usernameKey;
    private String email;
    private String firstName;
    private String lastName;
    private String avatar;
    private boolean emailNotifications;
    private String passwordHash;
    private Long reviewerId;

    protected UserEntry() {
    }

    UserEntry(long id, String username, String email, String firstName, String lastName, String avatar,
              String passwordHash) {
        this.id = id;
        this.username = username;
        this.usernameKey = username.toLowerCase(Locale.ROOT);
        this.email = email;
        this.firstName = firstName;
        this.lastName = lastName;
        this.avatar = avatar;
        this.emailNotifications = true;
        this.passwordHash = passwordHash;
    }

    void changeSettings(boolean emailNotifications, String firstName, String lastName) {
        this.emailNotifications = emailNotifications;
        this.firstName = firstName;
        this.lastName = lastName;
    }

    void assignReviewer(long reviewerId) {
        this.reviewerId = reviewerId;
    }

    public Long getReviewerId() {
        return reviewerId;
    }

    public long getId() {
        return id;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public UserView toView() {
        return new UserView(id, username, email, firstName, lastName, avatar, emailNotifications);
    }
}
