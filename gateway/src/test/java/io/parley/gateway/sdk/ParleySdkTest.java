package io.parley.gateway.sdk;

import io.parley.realtime.RealtimeProperties;
import io.parley.gateway.support.NodeTests;
import io.parley.gateway.support.ParleyTest;
import io.parley.gateway.support.Rest;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.file.Files;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The JS SDK's own tests (clients/js/test, node --test) against this Parley, and what Parley serves of it. */
class ParleySdkTest extends ParleyTest {

    @Autowired
    RealtimeProperties properties;

    @Test
    void theSdksNodeTestsPass() throws Exception {
        NodeTests.run(NodeTests.repository().resolve("clients/js/test"),
                      Map.of("PARLEY_URL", baseUrl(), "PARLEY_ADMIN_TOKEN", Tokens.admin(Tokens.newUserId())));
    }

    /**
     * resync_required and the cursor it carries, against this Parley with its resume limit lowered while
     * the node test runs (Resume reads it at each catch-up); no other test runs meanwhile.
     */
    @Test
    void theSdkResumesFromTheCursorOfAResync() throws Exception {
        RealtimeProperties.Push push = properties.getPush();
        long limit = push.getResumeMaxEvents();
        push.setResumeMaxEvents(3);
        try {
            NodeTests.run(NodeTests.repository().resolve("clients/js/test/resync.test.js"),
                          Map.of("PARLEY_RESYNC_URL", baseUrl(), "PARLEY_RESUME_MAX_EVENTS", "3",
                                 "PARLEY_ADMIN_TOKEN", Tokens.admin(Tokens.newUserId())));
        } finally {
            push.setResumeMaxEvents(limit);
        }
    }

    @Test
    void parleyServesTheSdkAndTheWebClient() throws Exception {
        Rest.Download sdk = Rest.get(baseUrl() + "/sdk/parley.js", null);
        assertThat(sdk.status()).isEqualTo(200);
        assertThat(sdk.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
        assertThat(sdk.body()).isEqualTo(Files.readAllBytes(NodeTests.repository().resolve("clients/js/parley.js")));
        Rest.Download page = Rest.get(baseUrl() + "/", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(new String(page.body())).contains("<title>Parley</title>");
    }
}
