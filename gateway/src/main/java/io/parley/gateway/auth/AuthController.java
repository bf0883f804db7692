package io.parley.gateway.auth;

import io.parley.realtime.api.TokenClaims;
import io.parley.api.user.FindLogin;
import io.parley.api.user.LoginView;
import io.parley.api.user.RegisterUser;
import io.parley.realtime.api.ApiError;
import io.parley.gateway.Sides;
import io.parley.gateway.IdAllocator;
import io.parley.gateway.ParleyProperties;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Password logins: register, get a token, refresh it. Passwords are kept only as BCrypt hashes. */
@RestController
@RequestMapping("/api/auth")
public class AuthController {

    private static final Pattern USERNAME = Pattern.compile("[\\w.@+-]{1,150}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final int MIN_PASSWORD = 8;
    private static final int MAX_PASSWORD = 128;

    private final Sides sides;
    private final IdAllocator ids;
    private final PasswordEncoder passwords;
    private final JwtService jwt;
    private final ParleyProperties properties;

    public AuthController(Sides sides, IdAllocator ids, PasswordEncoder passwords, JwtService jwt,
                          ParleyProperties properties) {
        this.sides = sides;
        this.ids = ids;
        this.passwords = passwords;
        this.jwt = jwt;
        this.properties = properties;
    }

    public record Registration(String username, String email, String password) {
    }

    public record Login(String username, String password) {
    }

    public record Refresh(String token) {
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, Object> register(@RequestBody Registration body) {
        required("username", body.username());
        required("email", body.email());
        required("password", body.password());
        if (!USERNAME.matcher(body.username()).matches()) {
            throw ApiError.badRequest("username: 1 to 150 letters, digits or . @ + - _");
        }
        if (body.email().length() > 254 || !EMAIL.matcher(body.email()).matches()) {
            throw ApiError.badRequest("email is not an email address: " + body.email());
        }
        if (body.password().length() < MIN_PASSWORD || body.password().length() > MAX_PASSWORD) {
            throw ApiError.badRequest("password: " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
        String hash = passwords.encode(body.password());
        long userId = ids.next();
        sides.send(new RegisterUser(userId, body.username(), body.email(), null, null, null, hash));
        return Map.of("id", userId, "username", body.username(), "email", body.email());
    }

    @PostMapping("/token")
    public Map<String, String> token(@RequestBody Login body) {
        required("username", body.username());
        required("password", body.password());
        LoginView login = sides.query(new FindLogin(body.username()), LoginView.class);
        if (login == null || !passwords.matches(body.password(), login.passwordHash())) {
            throw ApiError.unauthorized("wrong username or password");
        }
        return Map.of("token", jwt.issue(login.userId(), login.username(), login.email(), null, roles(login)));
    }

    @PostMapping("/token-refresh")
    public Map<String, String> refresh(@RequestBody Refresh body) {
        required("token", body.token());
        TokenClaims claims = jwt.require(body.token(), "field token");
        if (!jwt.refreshable(claims)) {
            throw ApiError.unauthorized("the token is too old to refresh; log in again");
        }
        return Map.of("token", jwt.issue(claims.userId(), claims.username(), claims.email(),
                                         claims.originalIssuedAt(), claims.roles()));
    }

    private static void required(String field, String value) {
        if (value == null) {
            throw ApiError.badRequest(field + " is required");
        }
    }

    private List<String> roles(LoginView login) {
        return properties.getAdmins().stream().anyMatch(admin -> admin.equalsIgnoreCase(login.username()))
               ? List.of("admin") : List.of();
    }
}
