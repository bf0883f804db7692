package io.parley.gateway.dialog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.api.dialog.DialogMessageView;
import io.parley.api.dialog.DialogView;
import io.parley.api.dialog.FileView;
import io.parley.api.user.UserView;
import io.parley.gateway.PublicUrls;
import io.parley.gateway.user.UserJson;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The response records write the dialogs API's shapes: every field, snake_case names, nulls written. */
class DialogJsonTest {

    private static final Instant AT = Instant.parse("2026-01-02T03:04:05.123456789Z");

    private final ObjectMapper mapper = new ObjectMapper();
    private final UserJson users = new UserJson();
    private final PublicUrls urls = mock(PublicUrls.class);
    private final DialogJson json = new DialogJson(users, urls);

    private final UserView ada = new UserView(1, "ada", "ada@example.org", "Ada", null, null, true);

    @Test
    void aMessageWithoutFileOrReadMark() throws Exception {
        DialogMessageView message = new DialogMessageView(52, 7, ada, "**hi**", "<p><strong>hi</strong></p>",
                                                          null, AT, null, 100);

        assertThat(written(json.message(message))).isEqualTo(mapper.readTree("""
                {"id":52,"user":{"id":1,"username":"ada","first_name":"Ada","last_name":null,"avatar":null},
                 "body":"<p><strong>hi</strong></p>","body_html":"<p><strong>hi</strong></p>",
                 "markdown_body":"**hi**","file":null,"date_created":"2026-01-02T03:04:05.123456+00:00",
                 "date_read":null,"dialog":7}"""));
    }

    @Test
    void aDialogWithItsLastMessageAndFile() throws Exception {
        when(urls.fileContent(5)).thenReturn("https://parley.example/api/files/5/content");
        DialogMessageView last = new DialogMessageView(53, 7, ada, "", "", new FileView(5, AT, "cat.png", 12, "image/png"),
                                                       AT, AT, 101);

        assertThat(written(json.dialog(new DialogView(7, List.of(ada), null, last, 2)))).isEqualTo(mapper.readTree("""
                {"id":7,"users":[{"id":1,"username":"ada","first_name":"Ada","last_name":null,"avatar":null}],
                 "user":null,"unread_messages_count":2,
                 "last_message":{"id":53,"user":{"id":1,"username":"ada","first_name":"Ada","last_name":null,"avatar":null},
                   "body":"","body_html":"","markdown_body":"",
                   "file":{"id":5,"date_created":"2026-01-02T03:04:05.123456+00:00",
                           "content":"https://parley.example/api/files/5/content","name":"cat.png","size":12},
                   "date_created":"2026-01-02T03:04:05.123456+00:00","date_read":"2026-01-02T03:04:05.123456+00:00","dialog":7}}"""));
    }

    @Test
    void theCallerThemself() throws Exception {
        assertThat(written(users.me(ada))).isEqualTo(mapper.readTree("""
                {"id":1,"username":"ada","first_name":"Ada","last_name":null,"avatar":null,
                 "email":"ada@example.org","email_notifications":true}"""));
    }

    /** As a reply or push frame writes its data. */
    private JsonNode written(Object data) throws Exception {
        ObjectNode frame = mapper.createObjectNode();
        frame.putPOJO("data", data);
        return mapper.readTree(frame.toString()).get("data");
    }
}
