package io.parley.command.user;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.parley.api.user.UserRegistered;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A UserRegistered as an earlier Parley stored it (revision 1, no avatar) is read as revision 2. */
class UserRegisteredUpcasterTest {

    private final JacksonSerializer serializer =
            JacksonSerializer.builder().objectMapper(new ObjectMapper().registerModule(new JavaTimeModule())).build();
    private final UserRegisteredUpcaster upcaster = new UserRegisteredUpcaster();

    @Test
    void revisionOneIsReadAsRevisionTwoWithoutAnAvatar() {
        IntermediateEventRepresentation read = upcast("1", """
                {"userId":7,"username":"old-timer","email":"old@example.org","firstName":"Old","lastName":"Timer",\
                "passwordHash":null,"at":"2025-01-02T03:04:05.123456Z"}""");

        assertThat(read.getType()).isEqualTo(new SimpleSerializedType(UserRegistered.class.getName(), "2"));
        UserRegistered event = serializer.deserialize(read.getData());
        assertThat(event).isEqualTo(new UserRegistered(7, "old-timer", "old@example.org", "Old", "Timer", null, null,
                                                       Instant.parse("2025-01-02T03:04:05.123456Z")));
    }

    @Test
    void revisionTwoIsLeftAsItIs() {
        String payload = """
                {"userId":8,"username":"new","email":"new@example.org","firstName":"New","lastName":"Comer",\
                "avatar":"a.png","passwordHash":"h","at":"2025-01-02T03:04:05Z"}""";

        IntermediateEventRepresentation read = upcast("2", payload);

        assertThat(read.getType().getRevision()).isEqualTo("2");
        assertThat(((UserRegistered) serializer.deserialize(read.getData())).avatar()).isEqualTo("a.png");
    }

    private IntermediateEventRepresentation upcast(String revision, String payload) {
        GenericDomainEventEntry<byte[]> stored = new GenericDomainEventEntry<>(
                "User", "user-7", 0, "event-1", Instant.parse("2025-01-02T03:04:05Z"), UserRegistered.class.getName(),
                revision, payload.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        return upcaster.upcast(Stream.of(new InitialEventRepresentation(stored, serializer))).findFirst().orElseThrow();
    }
}
