package io.parley.gateway.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.gateway.support.Await;
import io.parley.gateway.support.ParleyNode;
import io.parley.gateway.support.Rest;
import io.parley.gateway.support.SlowSmtpRelay;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.TestDatabase;
import io.parley.gateway.support.TestSmtp;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parley killed with SIGKILL while users write and mail goes out through a slow SMTP server, then
 * started again on the same database: every acknowledged message is stored once, pushed once to each
 * recipient socket (live, or by resume after the restart), and mailed once; only a mail whose SMTP
 * conversation was under way at the kill may come a second time, with the same Message-ID.
 */
class KilledNodeTest {

    private static final int PAIRS = 3;
    /** SMTP connections of the node: each may leave one mail in doubt when the node is killed. */
    private static final int CONNECTIONS = 2;

    @Test
    void aKilledNodeLosesNothingAndRepeatsNothingButTheMailItWasSending() throws Exception {
        String database = TestDatabase.createAnother("killed");
        Path dir = Files.createTempDirectory("parley-killed-");
        try (SlowSmtpRelay smtp = new SlowSmtpRelay(15)) {
            List<String> properties = List.of(
                    "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtp.port(),
                    "--parley.mail.connections=" + CONNECTIONS, "--parley.mail.claim-timeout=4s", "--parley.mail.poll-interval=200ms",
                    "--parley.mail.retry-initial=200ms", "--parley.mail.retry-max=1s");
            long[] senders = new long[PAIRS];
            long[] recipients = new long[PAIRS];
            long[] dialogs = new long[PAIRS];
            Map<Long, Long> acknowledged = new ConcurrentHashMap<>(); // message id → its dialog's index
            Map<Integer, List<SocketClient>> recipientSockets = new HashMap<>();

            ParleyNode first = ParleyNode.start(database, dir, properties);
            List<SocketClient> writers = new ArrayList<>();
            List<Thread> writing = new ArrayList<>();
            try {
                for (int i = 0; i < PAIRS; i++) {
                    senders[i] = Tokens.newUserId();
                    recipients[i] = Tokens.newUserId();
                    writers.add(SocketClient.connect(URI.create(first.ws() + "/ws/?token=" + Tokens.forUser(senders[i]))));
                    recipientSockets.put(i, new ArrayList<>(List.of(SocketClient.connect(
                            URI.create(first.ws() + "/ws/?token=" + Tokens.forUser(recipients[i]))))));
                    Rest.Response dialog = Rest.postJson(first.http() + "/api/admin/dialogs",
                                                         Map.of("user_ids", List.of(senders[i], recipients[i])),
                                                         Tokens.admin(Tokens.newUserId()));
                    assertThat(dialog.status()).isEqualTo(201);
                    dialogs[i] = dialog.body().get("id").asLong();
                }
                // Each sender writes as fast as its replies come, until its connection dies with the node.
                for (int i = 0; i < PAIRS; i++) {
                    int pair = i;
                    Thread writer = new Thread(() -> {
                        try {
                            for (int n = 0; ; n++) {
                                JsonNode reply = writers.get(pair).request("dialogs.messages.create", Map.of(
                                        "dialog_id", dialogs[pair], "body", "pair " + pair + " message " + n));
                                acknowledged.put(reply.get("data").get("id").asLong(), (long) pair);
                            }
                        } catch (AssertionError connectionGone) {
                            // the node was killed: this write has no reply, and may or may not be stored
                        }
                    });
                    writer.start();
                    writing.add(writer);
                }
                // Killed while mail is going out: some has arrived, more is queued behind the slow server.
                Await.until("mail is being sent", Duration.ofSeconds(60),
                            () -> TestSmtp.mailsTo(recipients) >= 5 && acknowledged.size() >= 60);
            } finally {
                first.kill();
            }
            for (Thread writer : writing) {
                writer.join(30_000);
            }
            writers.forEach(SocketClient::close);
            int acknowledgedAtKill = acknowledged.size();

            try (ParleyNode second = ParleyNode.start(database, dir, properties)) {
                // The recipients come back with the last cursor each connection received.
                for (int i = 0; i < PAIRS; i++) {
                    List<SocketClient> sockets = recipientSockets.get(i);
                    long since = sockets.get(0).received().stream().mapToLong(f -> f.path("seq").asLong(-1)).max()
                                        .orElse(sockets.get(0).hello().get("data").get("seq").asLong());
                    sockets.add(SocketClient.connect(URI.create(second.ws() + "/ws/?token="
                                                                        + Tokens.forUser(recipients[i]) + "&since=" + since)));
                }
                for (Map.Entry<Long, Long> message : acknowledged.entrySet()) {
                    List<SocketClient> sockets = recipientSockets.get(message.getValue().intValue());
                    Await.until("message " + message.getKey() + " pushed", Duration.ofSeconds(60),
                                () -> pushesOf(sockets, message.getKey()) > 0);
                }
                // Every (message, recipient) mailed; the in-doubt one (if any) once the killed node's claim is old.
                Await.until("every acknowledged message mailed", Duration.ofSeconds(90), () -> {
                    Map<Long, List<String>> mailed = TestSmtp.messageIdsByDialogMessage(recipients);
                    return acknowledged.keySet().stream().allMatch(mailed::containsKey);
                });

                for (Map.Entry<Long, Long> message : acknowledged.entrySet()) {
                    int pair = message.getValue().intValue();
                    // Pushed once to the recipient, across its connection before the kill and the one after.
                    assertThat(pushesOf(recipientSockets.get(pair), message.getKey()))
                            .as("pushes of message " + message.getKey()).isEqualTo(1);
                }
                // Stored once: the dialog shows each message once, as the users see it.
                try (SocketClient reader = SocketClient.connect(URI.create(second.ws() + "/ws/?token="
                                                                                   + Tokens.forUser(recipients[0])))) {
                    for (int i = 0; i < PAIRS; i++) {
                        List<Long> shown = new ArrayList<>();
                        SocketClient asRecipient = i == 0 ? reader : SocketClient.connect(URI.create(
                                second.ws() + "/ws/?token=" + Tokens.forUser(recipients[i])));
                        for (int offset = 0; ; offset += 100) {
                            JsonNode page = asRecipient.request("dialogs.messages.load", Map.of(
                                    "dialog_id", dialogs[i], "limit", 100, "offset", offset)).get("data");
                            page.forEach(m -> shown.add(m.get("id").asLong()));
                            if (page.size() < 100) {
                                break;
                            }
                        }
                        if (i != 0) {
                            asRecipient.close();
                        }
                        assertThat(shown).doesNotHaveDuplicates();
                        int pair = i;
                        assertThat(shown).containsAll(acknowledged.entrySet().stream()
                                                                  .filter(e -> e.getValue() == pair)
                                                                  .map(Map.Entry::getKey).toList());
                    }
                }
                // Mailed once; at most the mails in conversation at the kill (one per connection) twice, with
                // one Message-ID.
                Map<Long, List<String>> mailed = TestSmtp.messageIdsByDialogMessage(recipients);
                List<Long> twice = new ArrayList<>();
                for (long id : acknowledged.keySet()) {
                    List<String> copies = mailed.get(id);
                    assertThat(copies).as("mails of message " + id).hasSizeBetween(1, 2);
                    if (copies.size() == 2) {
                        assertThat(copies.get(1)).isEqualTo(copies.get(0));
                        twice.add(id);
                    }
                }
                assertThat(twice).as("mails sent twice: at most one in doubt per connection")
                                 .hasSizeLessThanOrEqualTo(CONNECTIONS);
                assertThat(acknowledgedAtKill).isGreaterThanOrEqualTo(60);
                // The admin sees what was in doubt.
                Rest.Download inDoubt = Rest.get(second.http() + "/api/admin/emails?status=in_doubt",
                                                 Tokens.admin(Tokens.newUserId()));
                assertThat(inDoubt.status()).isEqualTo(200);
                JsonNode listed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(inDoubt.body());
                assertThat(listed.size()).isGreaterThanOrEqualTo(twice.size());
                assertThat(listed).allMatch(mail -> mail.get("in_doubt").asBoolean());
            } finally {
                recipientSockets.values().forEach(sockets -> sockets.forEach(SocketClient::close));
            }
        }
    }

    /** How many frames of all these connections push this dialog message. */
    private static long pushesOf(List<SocketClient> sockets, long messageId) {
        return sockets.stream().flatMap(s -> s.received().stream())
                      .filter(f -> "dialogs.messages.create".equals(f.path("event").asText())
                              && f.path("data").path("id").asLong() == messageId)
                      .count();
    }
}
