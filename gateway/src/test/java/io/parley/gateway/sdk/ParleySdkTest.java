package io.parley.gateway.sdk;

import io.parley.gateway.support.NodeTests;
import io.parley.gateway.support.ParleyTest;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.Map;

/** The JS SDK's own tests (clients/js/test, node --test) against this Parley. */
class ParleySdkTest extends ParleyTest {

    @Test
    void theSdksNodeTestsPass() throws Exception {
        NodeTests.run(NodeTests.repository().resolve("clients/js/test"),
                      Map.of("PARLEY_URL", baseUrl(), "PARLEY_ADMIN_TOKEN", Tokens.admin(Tokens.newUserId())));
    }
}
