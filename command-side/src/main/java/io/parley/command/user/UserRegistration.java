package io.parley.command.user;

import io.parley.api.Refusal;
import io.parley.api.user.RegisterUser;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/** Registers users; a password login first claims its username, which must be free. */
@Component
public class UserRegistration {

    private final Repository<User> users;
    private final UsernameClaims claims;

    public UserRegistration(Repository<User> users, UsernameClaims claims) {
        this.users = users;
        this.claims = claims;
    }

    @CommandHandler
    public long handle(RegisterUser command) throws Exception {
        User.validate(command);
        if (command.passwordHash() != null && !claims.claim(command.username(), command.userId())) {
            throw Refusal.conflict("username is taken");
        }
        users.newInstance(() -> new User(command));
        return command.userId();
    }
}
