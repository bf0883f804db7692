package io.parley.query.batching;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Times in COPY text: written by hand for UTC, and they read back as the same time. */
class RowCopyTest {

    @Test
    void utcTimesReadBackAsTheSameTime() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) {
            OffsetDateTime time = OffsetDateTime.ofInstant(
                    Instant.ofEpochSecond(random.nextLong(-30_000_000_000L, 250_000_000_000L),
                                          random.nextInt(3) == 0 ? 0 : random.nextInt(1_000_000_000)),
                    ZoneOffset.UTC);
            StringBuilder text = new StringBuilder();
            RowCopy.appendTime(time, text);
            assertThat(OffsetDateTime.parse(text)).as(text.toString()).isEqualTo(time);
        }
    }

    @Test
    void otherOffsetsAreWrittenWithTheirOffset() {
        OffsetDateTime time = OffsetDateTime.of(2026, 11, 26, 4, 7, 32, 5_000, ZoneOffset.ofHours(3));
        StringBuilder text = new StringBuilder();
        RowCopy.appendTime(time, text);
        assertThat(text.toString()).isEqualTo("2026-11-26T04:07:32.000005+03:00");
    }

    @Test
    void aRowIsTabSeparatedWithTimesInIsoText() {
        OffsetDateTime time = OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 600_000_000, ZoneOffset.UTC);
        assertThat(RowCopy.copyText(List.<Object[]>of(new Object[]{1L, time, null, true})))
                .isEqualTo("1\t2026-01-02T03:04:05.600000000Z\t\\N\tt\n");
    }
}
