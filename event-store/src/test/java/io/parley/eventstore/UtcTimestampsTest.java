package io.parley.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fast reading of stored timestamps gives what the general parse gives, for every form. */
class UtcTimestampsTest {

    private final SplittableRandom random = new SplittableRandom(7);

    @Test
    void readsWhatAxonAndJacksonWriteAsTheGeneralParseDoes() {
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-30_000_000_000L, 250_000_000_000L),
                                                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            // Axon writes milliseconds, Jackson every digit there is
            String axon = DateTimeUtils.formatInstant(instant);
            String jackson = DateTimeFormatter.ISO_INSTANT.format(instant);
            assertThat(UtcTimestamps.parse(axon)).as(axon).isEqualTo(DateTimeUtils.parseInstant(axon));
            assertThat(UtcTimestamps.parse(jackson)).as(jackson).isEqualTo(DateTimeUtils.parseInstant(jackson))
                                                    .isEqualTo(instant);
        }
    }

    @Test
    void otherFormsGoToTheGeneralParse() {
        for (String text : List.of("2026-11-26T04:07:32+02:00", "2026-11-26T04:07:32.5-01:30",
                                   "2026-11-26t04:07:32.123z", "2026-11-26T04:07Z", "2026-11-26T04:07:32.Z", "+12026-11-26T04:07:32Z")) {
            assertThat(UtcTimestamps.parseUtc(text)).as(text).isNull();
            assertThat(UtcTimestamps.parse(text)).as(text).isEqualTo(DateTimeUtils.parseInstant(text));
        }
    }

    @Test
    void badTextFailsAsTheGeneralParseFails() {
        for (String text : List.of("2026-02-30T04:07:32Z", "2026-11-26T24:00:00Z",
                                   "2026-11-26T04:07:32.1234567890Z", "2026-1x-26T04:07:32Z", "", "soon")) {
            assertThat(UtcTimestamps.parseUtc(text)).as(text).isNull();
            assertThatThrownBy(() -> UtcTimestamps.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
    }

    @Test
    void theSerializersInstantsReadTheSameAsJacksonsOwn() throws Exception {
        ObjectMapper plain = new ObjectMapper().registerModule(new JavaTimeModule());
        ObjectMapper fast = plain.copy().registerModule(UtcInstantDeserializer.module());
        for (String json : List.of("\"2026-11-26T04:07:32.123456Z\"", "\"2026-11-26T04:07:32Z\"",
                                   "\"2026-11-26T06:07:32+02:00\"", "1795665879.5", "1795665879", "null")) {
            assertThat(fast.readValue(json, Instant.class)).as(json).isEqualTo(plain.readValue(json, Instant.class));
        }
        record At(Instant at) {
        }
        assertThat(fast.readValue("{\"at\":\"2026-11-26T04:07:32.1Z\"}", At.class).at())
                .isEqualTo(Instant.parse("2026-11-26T04:07:32.100Z"));
        assertThatThrownBy(() -> fast.readValue("\"2026-02-30T04:07:32Z\"", Instant.class))
                .isInstanceOf(InvalidFormatException.class);
    }
}
