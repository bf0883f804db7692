package io.parley.bench;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;

/** Tokens as the system in front of Parley issues them: HS256 with the secret the benchmark gives Parley. */
final class Jwt {

    static final String SECRET = "parley-benchmark-secret-0123456789abcdef-0123";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Jwt() {
    }

    static String user(long userId) {
        return sign(userId, false);
    }

    static String admin(long userId) {
        return sign(userId, true);
    }

    private static String sign(long userId, boolean admin) {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        String claims = "{\"user_id\":" + userId + ",\"username\":\"bench" + userId + "\",\"email\":\"bench" + userId
                + "@example.org\",\"exp\":" + (now + 6 * 3600) + ",\"orig_iat\":" + now
                + (admin ? ",\"roles\":[\"admin\"]" : "") + "}";
        String body = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return body + "." + B64.encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
