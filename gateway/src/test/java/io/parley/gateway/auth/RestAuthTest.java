package io.parley.gateway.auth;

import io.parley.gateway.support.ParleyTest;
import io.parley.gateway.support.Rest;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.TestDatabase;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST auth calls: register, token, token-refresh, and the admin dialog path. */
class RestAuthTest extends ParleyTest {

    String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    Rest.Response register(String username, String email, String password) {
        return Rest.postJson(baseUrl() + "/api/auth/register",
                             Map.of("username", username, "email", email, "password", password), null);
    }

    String login(String username, String password) {
        Rest.Response response = Rest.postJson(baseUrl() + "/api/auth/token",
                                               Map.of("username", username, "password", password), null);
        assertThat(response.status()).isEqualTo(200);
        return response.body().get("token").asText();
    }

    @Test
    void registerThenLogInThenConnect() {
        String name = unique("ann");
        Rest.Response created = register(name, name + "@example.org", "correct horse");
        assertThat(created.status()).isEqualTo(201);
        long id = created.body().get("id").asLong();
        assertThat(created.body().get("username").asText()).isEqualTo(name);

        String token = login(name.toUpperCase(), "correct horse");
        try (SocketClient client = SocketClient.connect(port, token)) {
            assertThat(client.hello().get("data").get("user_id").asLong()).isEqualTo(id);
            assertThat(client.request("users.me").get("data").get("username").asText()).isEqualTo(name);
        }
        Rest.Response refreshed = Rest.postJson(baseUrl() + "/api/auth/token-refresh", Map.of("token", token), null);
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.body().get("token").asText()).isNotBlank();

        // The password is kept only as a BCrypt hash, in no event and no table in clear.
        assertThat(TestDatabase.count("select count(*) from domain_event_entry "
                + "where position('correct horse' in convert_from(payload, 'UTF8')) > 0")).isZero();
        assertThat(TestDatabase.count("select count(*) from user_view where password_hash like '$2a$%' "
                + "and username = '" + name + "'")).isEqualTo(1);
    }

    @Test
    void refusals() {
        String name = unique("bo");
        assertThat(register(name, name + "@example.org", "long enough").status()).isEqualTo(201);
        Rest.Response taken = register(name.toUpperCase(), "other@example.org", "long enough");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.body().get("code").asText()).isEqualTo("conflict");

        assertThat(register("", "a@b.c", "long enough").status()).isEqualTo(400);
        assertThat(register(unique("x"), "not-an-email", "long enough").status()).isEqualTo(400);
        assertThat(register(unique("x"), "a@b.c", "short").status()).isEqualTo(400);
        Rest.Response garbage = Rest.post(baseUrl() + "/api/auth/register", "{nope", null);
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.body().get("code").asText()).isEqualTo("bad_request");
        assertThat(Rest.post(baseUrl() + "/api/auth/register", "{\"username\":5}", null).status()).isEqualTo(400);

        Rest.Response wrong = Rest.postJson(baseUrl() + "/api/auth/token",
                                            Map.of("username", name, "password", "wrong password"), null);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body().get("code").asText()).isEqualTo("unauthorized");
        assertThat(Rest.postJson(baseUrl() + "/api/auth/token", Map.of("username", "nobody-" + name,
                                                                      "password", "whatever1"), null).status())
                .isEqualTo(401);
        assertThat(Rest.postJson(baseUrl() + "/api/auth/token-refresh", Map.of("token", "garbage"), null).status())
                .isEqualTo(401);
        assertThat(Rest.postJson(baseUrl() + "/api/auth/token-refresh",
                                 Map.of("token", Tokens.unsigned(Tokens.newUserId())), null).status()).isEqualTo(401);
    }

    @Test
    void onlyAdminsStartDialogs() {
        long a = Tokens.newUserId();
        long b = Tokens.newUserId();
        connect(a).close();
        connect(b).close();
        String url = baseUrl() + "/api/admin/dialogs";
        Map<String, Object> body = Map.of("user_ids", List.of(a, b));

        Rest.Response anonymous = Rest.postJson(url, body, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body().get("code").asText()).isEqualTo("unauthorized");
        Rest.Response notAdmin = Rest.postJson(url, body, Tokens.forUser(a));
        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(notAdmin.body().get("code").asText()).isEqualTo("forbidden");

        String admin = Tokens.admin(Tokens.newUserId());
        assertThat(Rest.postJson(url, Map.of("user_ids", List.of(a)), admin).status()).isEqualTo(400);
        assertThat(Rest.postJson(url, Map.of("user_ids", List.of(a, 9_000_000_000L)), admin).status()).isEqualTo(404);
        assertThat(Rest.post(url, "{\"user_ids\":\"a,b\"}", admin).status()).isEqualTo(400);
        assertThat(Rest.postJson(url, body, admin).status()).isEqualTo(201);

        // A password login named in parley.admins gets the admin role in its token.
        String rootName = "root-admin";
        Rest.Response root = register(rootName, "root@example.org", "root password");
        assertThat(root.status()).isIn(201, 409); // 409 when another test class registered it first
        // (200: the same users already have their dialog; a user who is no admin would get 403.)
        assertThat(Rest.postJson(url, body, login(rootName, "root password")).status()).isEqualTo(200);
    }
}
