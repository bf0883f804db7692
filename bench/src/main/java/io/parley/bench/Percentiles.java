package io.parley.bench;

import java.util.Arrays;

/** p50/p95/p99/max of a set of durations in nanoseconds, reported in milliseconds. */
record Percentiles(int count, double p50, double p95, double p99, double max) {

    static Percentiles of(long[] nanos) {
        if (nanos.length == 0) {
            return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, millis(at(sorted, 0.50)), millis(at(sorted, 0.95)),
                               millis(at(sorted, 0.99)), millis(sorted[sorted.length - 1]));
    }

    /** The nearest-rank percentile: the smallest value with at least {@code q} of all at or below it. */
    static long at(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
