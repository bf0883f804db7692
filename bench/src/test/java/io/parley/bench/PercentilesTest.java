package io.parley.bench;

import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class PercentilesTest {

    @Test
    void nearestRankOfOneToAHundredMilliseconds() {
        long[] nanos = LongStream.rangeClosed(1, 100).map(ms -> ms * 1_000_000).toArray();
        Percentiles p = Percentiles.of(nanos);
        assertThat(p.count()).isEqualTo(100);
        assertThat(p.p50()).isEqualTo(50.0);
        assertThat(p.p95()).isEqualTo(95.0);
        assertThat(p.p99()).isEqualTo(99.0);
        assertThat(p.max()).isEqualTo(100.0);
    }

    @Test
    void unsortedInputAndASingleValue() {
        assertThat(Percentiles.of(new long[]{5_000_000, 1_000_000, 3_000_000}).p50()).isEqualTo(3.0);
        assertThat(Percentiles.of(new long[]{2_000_000}).p99()).isEqualTo(2.0);
        assertThat(Percentiles.of(new long[0]).count()).isZero();
    }
}
