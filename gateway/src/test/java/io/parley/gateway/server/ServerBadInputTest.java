package io.parley.gateway.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.gateway.support.SocketClient;
import io.parley.gateway.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input for every servers request: missing, ill-typed and out-of-range parameters, unknown ids, and
 * ids of another server's channels, messages and invites. Each gets the right error frame, nothing is
 * stored, and the socket stays open.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerBadInputTest extends ServersApiTest {

    static final long UNKNOWN = 9_000_000_000L;
    static final String NAME_65 = "n".repeat(65);
    static final String TEXT_2001 = "x".repeat(2001);

    /** Who sends a frame: the owner of SERVER, or a member of it who is not the owner. */
    enum By { OWNER, MEMBER }

    SocketClient owner;
    SocketClient member;
    long ownerId;
    long memberId;
    long outsiderId;
    long server;
    long channel;
    long voice;
    long message;
    long membersMessage;
    String code;
    long otherServer;
    long otherChannel;
    long otherMessage;
    String otherCode;

    @BeforeAll
    void twoServers() {
        ownerId = Tokens.newUserId();
        memberId = Tokens.newUserId();
        outsiderId = Tokens.newUserId();
        owner = connect(ownerId);
        member = connect(memberId);
        server = createServer(owner, "mine");
        channel = createChannel(owner, server, "general");
        voice = ok(owner, "channels.create", Map.of("server_id", server, "name", "lounge", "type", 1))
                .get("data").get("id").asLong();
        message = post(owner, channel, "the owner's");
        code = createInvite(owner, server);
        ok(member, "servers.join", Map.of("code", code));
        membersMessage = post(member, channel, "the member's");
        try (SocketClient stranger = connect(Tokens.newUserId())) {
            otherServer = createServer(stranger, "theirs");
            otherChannel = createChannel(stranger, otherServer, "theirs");
            otherMessage = post(stranger, otherChannel, "theirs");
            otherCode = createInvite(stranger, otherServer);
        }
    }

    @AfterAll
    void disconnect() {
        owner.close();
        member.close();
    }

    static Stream<Arguments> badFrames() {
        return Stream.of(
                // servers.load
                bad("{'event':'servers.load','limit':0}", "bad_request"),
                bad("{'event':'servers.load','limit':'20'}", "bad_request"),
                bad("{'event':'servers.load','offset':-1}", "bad_request"),

                // servers.create
                bad("{'event':'servers.create'}", "bad_request"),
                bad("{'event':'servers.create','name':5}", "bad_request"),
                bad("{'event':'servers.create','name':''}", "bad_request"),
                bad("{'event':'servers.create','name':'   '}", "bad_request"),
                bad("{'event':'servers.create','name':'" + NAME_65 + "'}", "bad_request"),

                // servers.edit
                bad("{'event':'servers.edit'}", "bad_request"),
                bad("{'event':'servers.edit','server_id':SERVER}", "bad_request"),
                bad("{'event':'servers.edit','server_id':'SERVER.0','name':'x'}", "bad_request"),
                bad("{'event':'servers.edit','server_id':-1,'name':'x'}", "bad_request"),
                bad("{'event':'servers.edit','server_id':SERVER,'name':''}", "bad_request"),
                bad("{'event':'servers.edit','server_id':SERVER,'name':'" + NAME_65 + "'}", "bad_request"),
                bad("{'event':'servers.edit','server_id':SERVER,'owner_id':'MEMBER.0'}", "bad_request"),
                bad("{'event':'servers.edit','server_id':SERVER,'owner_id':OUTSIDER}", "not_found"),
                bad("{'event':'servers.edit','server_id':UNKNOWN,'name':'x'}", "not_found"),
                bad("{'event':'servers.edit','server_id':OTHER_SERVER,'name':'x'}", "not_found"),
                byMember("{'event':'servers.edit','server_id':SERVER,'name':'x'}", "forbidden"),
                byMember("{'event':'servers.edit','server_id':SERVER,'owner_id':MEMBER}", "forbidden"),

                // servers.delete
                bad("{'event':'servers.delete'}", "bad_request"),
                bad("{'event':'servers.delete','server_id':1.5}", "bad_request"),
                bad("{'event':'servers.delete','server_id':UNKNOWN}", "not_found"),
                bad("{'event':'servers.delete','server_id':OTHER_SERVER}", "not_found"),
                byMember("{'event':'servers.delete','server_id':SERVER}", "forbidden"),

                // servers.leave
                bad("{'event':'servers.leave'}", "bad_request"),
                bad("{'event':'servers.leave','server_id':SERVER}", "forbidden"), // the owner
                bad("{'event':'servers.leave','server_id':UNKNOWN}", "not_found"),
                bad("{'event':'servers.leave','server_id':OTHER_SERVER}", "not_found"),

                // servers.join
                bad("{'event':'servers.join'}", "bad_request"),
                bad("{'event':'servers.join','code':5}", "bad_request"),
                bad("{'event':'servers.join','code':''}", "bad_request"),
                bad("{'event':'servers.join','code':'" + NAME_65 + "'}", "bad_request"),
                bad("{'event':'servers.join','code':'no-such-code'}", "not_found"),

                // servers.members.load, servers.members.kick
                bad("{'event':'servers.members.load'}", "bad_request"),
                bad("{'event':'servers.members.load','server_id':SERVER,'limit':101}", "bad_request"),
                bad("{'event':'servers.members.load','server_id':UNKNOWN}", "not_found"),
                bad("{'event':'servers.members.load','server_id':OTHER_SERVER}", "not_found"),
                bad("{'event':'servers.members.kick','server_id':SERVER}", "bad_request"),
                bad("{'event':'servers.members.kick','user_id':MEMBER}", "bad_request"),
                bad("{'event':'servers.members.kick','server_id':SERVER,'user_id':'x'}", "bad_request"),
                bad("{'event':'servers.members.kick','server_id':SERVER,'user_id':OWNER}", "bad_request"),
                bad("{'event':'servers.members.kick','server_id':SERVER,'user_id':OUTSIDER}", "not_found"),
                bad("{'event':'servers.members.kick','server_id':OTHER_SERVER,'user_id':MEMBER}", "not_found"),
                bad("{'event':'servers.members.kick','server_id':UNKNOWN,'user_id':MEMBER}", "not_found"),
                byMember("{'event':'servers.members.kick','server_id':SERVER,'user_id':OWNER}", "forbidden"),

                // servers.bans.*
                bad("{'event':'servers.bans.create','server_id':SERVER}", "bad_request"),
                bad("{'event':'servers.bans.create','server_id':SERVER,'user_id':MEMBER,'expires':'tomorrow'}",
                    "bad_request"),
                bad("{'event':'servers.bans.create','server_id':SERVER,'user_id':MEMBER,'expires':1893456000}",
                    "bad_request"),
                bad("{'event':'servers.bans.create','server_id':SERVER,'user_id':MEMBER,"
                            + "'expires':'2030-01-01T00:00:00'}", "bad_request"),
                bad("{'event':'servers.bans.create','server_id':SERVER,'user_id':MEMBER,"
                            + "'expires':'2020-01-01T00:00:00Z'}", "bad_request"),
                bad("{'event':'servers.bans.create','server_id':SERVER,'user_id':OWNER}", "bad_request"),
                bad("{'event':'servers.bans.create','server_id':UNKNOWN,'user_id':MEMBER}", "not_found"),
                bad("{'event':'servers.bans.create','server_id':OTHER_SERVER,'user_id':MEMBER}", "not_found"),
                byMember("{'event':'servers.bans.create','server_id':SERVER,'user_id':OUTSIDER}", "forbidden"),
                bad("{'event':'servers.bans.delete','server_id':SERVER}", "bad_request"),
                bad("{'event':'servers.bans.delete','server_id':SERVER,'user_id':OUTSIDER}", "not_found"),
                bad("{'event':'servers.bans.delete','server_id':UNKNOWN,'user_id':OUTSIDER}", "not_found"),
                byMember("{'event':'servers.bans.delete','server_id':SERVER,'user_id':OUTSIDER}", "forbidden"),
                bad("{'event':'servers.bans.load'}", "bad_request"),
                bad("{'event':'servers.bans.load','server_id':SERVER,'offset':-1}", "bad_request"),
                bad("{'event':'servers.bans.load','server_id':UNKNOWN}", "not_found"),
                bad("{'event':'servers.bans.load','server_id':OTHER_SERVER}", "not_found"),
                byMember("{'event':'servers.bans.load','server_id':SERVER}", "forbidden"),

                // servers.invites.*
                bad("{'event':'servers.invites.create'}", "bad_request"),
                bad("{'event':'servers.invites.create','server_id':SERVER,'expires':[1]}", "bad_request"),
                bad("{'event':'servers.invites.create','server_id':SERVER,'expires':'2020-01-01 00:00:00.000000+00'}",
                    "bad_request"),
                bad("{'event':'servers.invites.create','server_id':UNKNOWN}", "not_found"),
                bad("{'event':'servers.invites.create','server_id':OTHER_SERVER}", "not_found"),
                byMember("{'event':'servers.invites.create','server_id':SERVER}", "forbidden"),
                bad("{'event':'servers.invites.delete'}", "bad_request"),
                bad("{'event':'servers.invites.delete','code':5}", "bad_request"),
                bad("{'event':'servers.invites.delete','code':'CODE','server_id':'x'}", "bad_request"),
                bad("{'event':'servers.invites.delete','code':'no-such-code'}", "not_found"),
                bad("{'event':'servers.invites.delete','code':'CODE','server_id':OTHER_SERVER}", "not_found"),
                bad("{'event':'servers.invites.delete','code':'OTHER_CODE'}", "not_found"),
                byMember("{'event':'servers.invites.delete','code':'CODE'}", "forbidden"),
                bad("{'event':'servers.invites.load'}", "bad_request"),
                bad("{'event':'servers.invites.load','server_id':UNKNOWN}", "not_found"),
                byMember("{'event':'servers.invites.load','server_id':SERVER}", "forbidden"),

                // channels.load, .create, .edit, .delete
                bad("{'event':'channels.load'}", "bad_request"),
                bad("{'event':'channels.load','server_id':'SERVER.0'}", "bad_request"),
                bad("{'event':'channels.load','server_id':UNKNOWN}", "not_found"),
                bad("{'event':'channels.load','server_id':OTHER_SERVER}", "not_found"),
                bad("{'event':'channels.create','server_id':SERVER}", "bad_request"),
                bad("{'event':'channels.create','name':'x'}", "bad_request"),
                bad("{'event':'channels.create','server_id':SERVER,'name':'x','type':2}", "bad_request"),
                bad("{'event':'channels.create','server_id':SERVER,'name':'x','type':-1}", "bad_request"),
                bad("{'event':'channels.create','server_id':SERVER,'name':'x','type':'0'}", "bad_request"),
                bad("{'event':'channels.create','server_id':SERVER,'name':''}", "bad_request"),
                bad("{'event':'channels.create','server_id':SERVER,'name':'" + NAME_65 + "'}", "bad_request"),
                bad("{'event':'channels.create','server_id':UNKNOWN,'name':'x'}", "not_found"),
                bad("{'event':'channels.create','server_id':OTHER_SERVER,'name':'x'}", "not_found"),
                byMember("{'event':'channels.create','server_id':SERVER,'name':'x'}", "forbidden"),
                bad("{'event':'channels.edit','server_id':SERVER,'name':'x'}", "bad_request"),
                bad("{'event':'channels.edit','server_id':SERVER,'channel_id':CHANNEL}", "bad_request"),
                bad("{'event':'channels.edit','server_id':SERVER,'channel_id':CHANNEL,'type':5}", "bad_request"),
                bad("{'event':'channels.edit','server_id':SERVER,'channel_id':CHANNEL,'name':''}", "bad_request"),
                bad("{'event':'channels.edit','server_id':SERVER,'channel_id':OTHER_CHANNEL,'name':'x'}", "not_found"),
                bad("{'event':'channels.edit','server_id':SERVER,'channel_id':UNKNOWN,'name':'x'}", "not_found"),
                bad("{'event':'channels.edit','server_id':OTHER_SERVER,'channel_id':OTHER_CHANNEL,'name':'x'}",
                    "not_found"),
                byMember("{'event':'channels.edit','server_id':SERVER,'channel_id':CHANNEL,'name':'x'}", "forbidden"),
                bad("{'event':'channels.delete','server_id':SERVER}", "bad_request"),
                bad("{'event':'channels.delete','server_id':SERVER,'channel_id':'x'}", "bad_request"),
                bad("{'event':'channels.delete','server_id':SERVER,'channel_id':OTHER_CHANNEL}", "not_found"),
                bad("{'event':'channels.delete','server_id':SERVER,'channel_id':UNKNOWN}", "not_found"),
                byMember("{'event':'channels.delete','server_id':SERVER,'channel_id':CHANNEL}", "forbidden"),

                // channels.messages.load
                bad("{'event':'channels.messages.load'}", "bad_request"),
                bad("{'event':'channels.messages.load','channel_id':'x'}", "bad_request"),
                bad("{'event':'channels.messages.load','channel_id':CHANNEL,'limit':0}", "bad_request"),
                bad("{'event':'channels.messages.load','channel_id':CHANNEL,'before':'x'}", "bad_request"),
                bad("{'event':'channels.messages.load','channel_id':CHANNEL,'after':-1}", "bad_request"),
                bad("{'event':'channels.messages.load','channel_id':UNKNOWN}", "not_found"),
                bad("{'event':'channels.messages.load','channel_id':OTHER_CHANNEL}", "not_found"),
                bad("{'event':'channels.messages.load','channel_id':CHANNEL,'before':OTHER_MESSAGE}", "not_found"),
                bad("{'event':'channels.messages.load','channel_id':CHANNEL,'after':UNKNOWN}", "not_found"),

                // channels.messages.create
                bad("{'event':'channels.messages.create','text':'hi'}", "bad_request"),
                bad("{'event':'channels.messages.create','channel_id':CHANNEL}", "bad_request"),
                bad("{'event':'channels.messages.create','channel_id':CHANNEL,'text':5}", "bad_request"),
                bad("{'event':'channels.messages.create','channel_id':CHANNEL,'text':''}", "bad_request"),
                bad("{'event':'channels.messages.create','channel_id':CHANNEL,'text':'  '}", "bad_request"),
                bad("{'event':'channels.messages.create','channel_id':CHANNEL,'text':'" + TEXT_2001 + "'}",
                    "bad_request"),
                bad("{'event':'channels.messages.create','channel_id':VOICE,'text':'hi'}", "bad_request"),
                bad("{'event':'channels.messages.create','channel_id':CHANNEL,'text':'hi','nonce':[1]}",
                    "bad_request"),
                bad("{'event':'channels.messages.create','channel_id':CHANNEL,'text':'hi','nonce':'" + NAME_65 + "'}",
                    "bad_request"),
                bad("{'event':'channels.messages.create','channel_id':UNKNOWN,'text':'hi'}", "not_found"),
                bad("{'event':'channels.messages.create','channel_id':OTHER_CHANNEL,'text':'hi'}", "not_found"),

                // channels.messages.edit, .delete, .history
                bad("{'event':'channels.messages.edit','message_id':MESSAGE}", "bad_request"),
                bad("{'event':'channels.messages.edit','text':'x'}", "bad_request"),
                bad("{'event':'channels.messages.edit','message_id':MESSAGE,'text':''}", "bad_request"),
                bad("{'event':'channels.messages.edit','message_id':MESSAGE,'text':'" + TEXT_2001 + "'}",
                    "bad_request"),
                bad("{'event':'channels.messages.edit','message_id':UNKNOWN,'text':'x'}", "not_found"),
                bad("{'event':'channels.messages.edit','message_id':OTHER_MESSAGE,'text':'x'}", "not_found"),
                bad("{'event':'channels.messages.edit','message_id':MEMBERS_MESSAGE,'text':'x'}", "forbidden"),
                byMember("{'event':'channels.messages.edit','message_id':MESSAGE,'text':'x'}", "forbidden"),
                bad("{'event':'channels.messages.delete'}", "bad_request"),
                bad("{'event':'channels.messages.delete','message_id':true}", "bad_request"),
                bad("{'event':'channels.messages.delete','message_id':UNKNOWN}", "not_found"),
                bad("{'event':'channels.messages.delete','message_id':OTHER_MESSAGE}", "not_found"),
                byMember("{'event':'channels.messages.delete','message_id':MESSAGE}", "forbidden"),
                bad("{'event':'channels.messages.history'}", "bad_request"),
                bad("{'event':'channels.messages.history','message_id':'x'}", "bad_request"),
                bad("{'event':'channels.messages.history','message_id':UNKNOWN}", "forbidden"),
                bad("{'event':'channels.messages.history','message_id':OTHER_MESSAGE}", "forbidden"),
                byMember("{'event':'channels.messages.history','message_id':MESSAGE}", "forbidden"));
    }

    /** A frame in single quotes (for legibility) sent by the owner, and the error code it must get. */
    static Arguments bad(String frame, String code) {
        return Arguments.of(frame, By.OWNER, code);
    }

    static Arguments byMember(String frame, String code) {
        return Arguments.of(frame, By.MEMBER, code);
    }

    @ParameterizedTest(name = "{1}: {0} -> {2}")
    @MethodSource("badFrames")
    void badFramesGetAnErrorAndChangeNothing(String frame, By by, String expected) {
        SocketClient client = by == By.OWNER ? owner : member;
        String json = frame.replace('\'', '"')
                           .replace("OTHER_SERVER", Long.toString(otherServer))
                           .replace("OTHER_CHANNEL", Long.toString(otherChannel))
                           .replace("OTHER_MESSAGE", Long.toString(otherMessage))
                           .replace("OTHER_CODE", otherCode)
                           .replace("MEMBERS_MESSAGE", Long.toString(membersMessage))
                           .replace("SERVER", Long.toString(server))
                           .replace("CHANNEL", Long.toString(channel))
                           .replace("VOICE", Long.toString(voice))
                           .replace("MESSAGE", Long.toString(message))
                           .replace("CODE", code)
                           .replace("OWNER", Long.toString(ownerId))
                           .replace("MEMBER", Long.toString(memberId))
                           .replace("OUTSIDER", Long.toString(outsiderId))
                           .replace("UNKNOWN", Long.toString(UNKNOWN));
        String event = json.replaceAll(".*\"event\":\"([^\"]+)\".*", "$1");
        long before = storedEvents();
        client.sendRaw(json);
        JsonNode error = client.await(f -> f.has("error"));
        assertThat(error.get("type").asText()).isEqualTo("ws_send");
        assertThat(error.get("event").asText()).isEqualTo(event);
        assertThat(error.get("error").get("code").asText()).as(error.toString()).isEqualTo(expected);
        assertThat(error.get("error").get("message").asText()).isNotBlank();
        assertThat(storedEvents()).isEqualTo(before);
        // The socket is still open and answering.
        assertThat(client.request("ping").get("event").asText()).isEqualTo("pong");
    }
}
