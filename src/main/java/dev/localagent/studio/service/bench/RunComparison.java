package dev.localagent.studio.service.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Two runs side by side: the headline figures of each and the change from the first (the
 * baseline) to the second, with which direction is better. Immutable.
 */
public record RunComparison(BenchReport baseline, BenchReport candidate, List<Row> rows) {

    /**
     * @param delta candidate minus baseline; null when either is missing
     * @param deltaPercent the delta over the baseline, in percent; null when the baseline is 0 or missing
     * @param improved whether the change is for the better; null when there is no change to judge
     */
    public record Row(String metric, String unit, Double baseline, Double candidate, Double delta, Double deltaPercent, Boolean improved) {}

    public RunComparison {
        rows = List.copyOf(rows);
    }

    public static RunComparison of(BenchReport baseline, BenchReport candidate) {
        List<Row> rows = new ArrayList<>();
        add(rows, "throughput", "req/s", baseline, candidate, r -> r.throughput().requestsPerSecond(), true);
        add(rows, "output tokens/s", "tok/s", baseline, candidate, r -> r.throughput().outputTokensPerSecond(), true);
        add(rows, "e2e p50", "ms", baseline, candidate, r -> r.latencyMs().e2e().p50(), false);
        add(rows, "e2e p90", "ms", baseline, candidate, r -> r.latencyMs().e2e().p90(), false);
        add(rows, "e2e p99", "ms", baseline, candidate, r -> r.latencyMs().e2e().p99(), false);
        add(rows, "ttft p50", "ms", baseline, candidate, r -> r.latencyMs().ttft().p50(), false);
        add(rows, "ttft p99", "ms", baseline, candidate, r -> r.latencyMs().ttft().p99(), false);
        add(rows, "itl p50", "ms", baseline, candidate, r -> r.latencyMs().itl().p50(), false);
        add(rows, "tpot p50", "ms", baseline, candidate, r -> r.latencyMs().tpot().p50(), false);
        add(rows, "error rate", "%", baseline, candidate, RunComparison::errorPercent, false);
        add(rows, "good requests", "%", baseline, candidate, r -> r.goodput().met() == null ? null : r.goodput().fraction() * 100, true);
        add(rows, "cache hit rate", "%", baseline, candidate, r -> r.cache().hitRate() * 100, true);
        add(rows, "cost", "USD", baseline, candidate, r -> r.cost().totalUsd(), false);
        return new RunComparison(baseline, candidate, rows);
    }

    private static Double errorPercent(BenchReport r) {
        long n = r.requests().succeeded() + r.requests().failed();
        return n == 0 ? null : 100.0 * r.requests().failed() / n;
    }

    private static void add(List<Row> rows, String metric, String unit, BenchReport a, BenchReport b, Function<BenchReport, Double> value,
            boolean higherIsBetter) {
        Double va = value.apply(a);
        Double vb = value.apply(b);
        Double delta = va == null || vb == null ? null : BenchRun.round(vb - va);
        Double percent = delta == null || va == 0 ? null : BenchRun.round(100 * delta / Math.abs(va));
        Boolean improved = delta == null || delta == 0 ? null : (delta > 0) == higherIsBetter;
        rows.add(new Row(metric, unit, va, vb, delta, percent, improved));
    }
}
