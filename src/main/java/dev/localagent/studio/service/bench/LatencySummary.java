package dev.localagent.studio.service.bench;

import org.HdrHistogram.Histogram;

/**
 * One metric's distribution in milliseconds, read from a histogram of microseconds. Percentiles
 * are HdrHistogram's (3 significant digits); null fields mean no sample.
 */
public record LatencySummary(long count, Double p50, Double p90, Double p95, Double p99, Double p999, Double max, Double mean) {

    public static final LatencySummary EMPTY = new LatencySummary(0, null, null, null, null, null, null, null);

    /** Reads a histogram recorded in microseconds. */
    public static LatencySummary ofMicros(Histogram h) {
        return of(h, 1e3);
    }

    /** Reads a histogram recorded in units of {@code 1/divisor} of what the summary reports. */
    public static LatencySummary of(Histogram h, double divisor) {
        if (h.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(h.getTotalCount(),
                round(h.getValueAtPercentile(50) / divisor), round(h.getValueAtPercentile(90) / divisor),
                round(h.getValueAtPercentile(95) / divisor), round(h.getValueAtPercentile(99) / divisor),
                round(h.getValueAtPercentile(99.9) / divisor), round(h.getMaxValue() / divisor),
                round(h.getMean() / divisor));
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
