package dev.localagent.studio.service.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The report as the command line prints it: a few lines of facts and one latency table. */
public final class ReportSummary {

    private ReportSummary() {}

    /** The latency rows of every report, in order: label and summary. */
    public static List<Map.Entry<String, LatencySummary>> latencyRows(BenchReport r) {
        List<Map.Entry<String, LatencySummary>> rows = new ArrayList<>();
        rows.add(Map.entry("e2e", r.latencyMs().e2e()));
        if (r.targetRate() != null) {
            rows.add(Map.entry("e2e uncorrected", r.latencyMs().e2eUncorrected()));
            rows.add(Map.entry("queue wait", r.latencyMs().queueWait()));
        }
        rows.add(Map.entry("ttft", r.latencyMs().ttft()));
        rows.add(Map.entry("itl", r.latencyMs().itl()));
        rows.add(Map.entry("tpot", r.latencyMs().tpot()));
        return rows;
    }

    public static String text(BenchReport r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%s · %s · %s · %.1f s measured%s%n", r.scenario(), r.provider(), r.model(),
                r.durationSeconds(), r.stoppedEarly() ? " · STOPPED EARLY (partial results)" : ""));
        s.append(String.format(Locale.ROOT, "requests    sent %d · succeeded %d · failed %d%s%s%s%n", r.requests().sent(),
                r.requests().succeeded(), r.requests().failed(), errors(r.requests().byErrorClass()),
                r.requests().warmup() > 0 ? " · warm-up " + r.requests().warmup() + " (excluded)" : "",
                r.requests().warmupSkipped() > 0 ? " · " + r.requests().warmupSkipped() + " warm-up sends dropped unsent" : ""));
        s.append(String.format(Locale.ROOT, "throughput  %.1f req/s · %.1f output tokens/s%s%n", r.throughput().requestsPerSecond(),
                r.throughput().outputTokensPerSecond(), r.tokens().source().equals("server") ? "" : " (tokens " + r.tokens().source() + ")"));
        if (r.targetRate() != null) {
            s.append(String.format(Locale.ROOT, "rate        target %.1f/s · achieved %s/s · late sends %d%n", r.targetRate(),
                    r.achievedRate() == null ? "?" : String.format(Locale.ROOT, "%.1f", r.achievedRate()), r.lateSends()));
        }
        s.append(String.format(Locale.ROOT, "%-16s %9s %9s %9s %9s %9s %9s %9s%n", "latency (ms)", "p50", "p90", "p95", "p99", "p99.9",
                "max", "mean"));
        for (Map.Entry<String, LatencySummary> row : latencyRows(r)) {
            LatencySummary l = row.getValue();
            s.append(String.format(Locale.ROOT, "%-16s %9s %9s %9s %9s %9s %9s %9s%n", row.getKey(), n(l.p50()), n(l.p90()), n(l.p95()),
                    n(l.p99()), n(l.p999()), n(l.max()), n(l.mean())));
        }
        BenchReport.Goodput g = r.goodput();
        if (g.met() != null) {
            s.append(String.format(Locale.ROOT, "goodput     %.1f req/s · %.1f %% of requests met %s · objectives %s%n", g.requestsPerSecond(),
                    g.fraction() * 100, objectives(g.objectivesMs()), g.met() ? "MET" : "FAILED"));
        }
        BenchReport.Breaker b = r.breaker();
        if (!b.transitions().isEmpty() || b.shortCircuited() > 0 || r.scenario().equals("breaker")) {
            s.append(String.format(Locale.ROOT, "breaker     %d transitions · %d short-circuited · time to open %s · time to recover %s · open %.1f s · now %s%n",
                    b.transitions().size(), b.shortCircuited(), secs(b.timeToOpenSeconds()), secs(b.timeToRecoverSeconds()),
                    b.openSeconds(), b.finalState()));
            for (BenchReport.Transition t : b.transitions()) {
                s.append(String.format(Locale.ROOT, "            %7.2f s  %s -> %s  %s%n", t.at(), t.from(), t.to(),
                        t.reason() == null ? "" : t.reason()));
            }
            s.append(String.format(Locale.ROOT, "users saw   %d answers · %d refused at once (breaker open) · %d failures after waiting%n",
                    b.userView().answered(), b.userView().failedFast(), b.userView().failedSlow()));
        }
        if (r.rateLimiter().rejected() > 0 || r.rateLimiter().waits() > 0) {
            s.append(String.format(Locale.ROOT, "limiter     %d rejected · %d waited, %.0f ms in all%n", r.rateLimiter().rejected(),
                    r.rateLimiter().waits(), r.rateLimiter().waitedMs()));
        }
        BenchReport.Cache c = r.cache();
        if (!c.strategy().equals("disabled")) {
            s.append(String.format(Locale.ROOT, "cache       %s · %d hits · %d misses · hit rate %.1f %%%s%n", c.strategy(), c.hits(), c.misses(),
                    c.hitRate() * 100, c.expectedHitRate() == null ? "" : String.format(Locale.ROOT, " (repeats: %.1f %%)", c.expectedHitRate() * 100)));
        }
        if (r.cacheComparison() != null) {
            BenchReport.CacheComparison cc = r.cacheComparison();
            s.append(String.format(Locale.ROOT, "vs no cache e2e p50 %s ms -> %s ms%s · cost $%.6f -> $%.6f · saved $%.6f%n",
                    n(cc.e2eCacheOff().p50()), n(r.latencyMs().e2e().p50()),
                    cc.e2eP50SpeedUp() == null ? "" : String.format(Locale.ROOT, " (%.1fx)", cc.e2eP50SpeedUp()),
                    cc.costCacheOffUsd(), r.cost().totalUsd(), cc.savedUsd()));
        }
        if (r.cost().totalUsd() > 0) {
            s.append(String.format(Locale.ROOT, "cost        $%.6f at list prices%s%n", r.cost().totalUsd(), r.cost().estimated() ? " (estimated)" : ""));
        }
        if (r.server() != null) {
            s.append(String.format(Locale.ROOT, "server      total p50 %s ms · p99 %s ms · first token p50 %s ms · %s tokens/s (as the server reported)%n",
                    n(r.server().totalMs().p50()), n(r.server().totalMs().p99()), n(r.server().firstTokenMs().p50()),
                    r.server().tokensPerSecond() == null ? "?" : String.format(Locale.ROOT, "%.1f", r.server().tokensPerSecond())));
        }
        if (r.stress() != null) {
            s.append(String.format(Locale.ROOT, "stress      objectives %s · knee %s%n", objectives(r.stress().objectivesMs()),
                    r.stress().kneeRate() == null ? "none (the first step already failed)" : String.format(Locale.ROOT, "%.1f req/s", r.stress().kneeRate())));
            for (BenchReport.Step st : r.stress().steps()) {
                s.append(String.format(Locale.ROOT, "            step %2d  %8.1f req/s  achieved %8s  ok %6d  failed %5d  good %5.1f %%  p99 e2e %s ms  %s%n",
                        st.step(), st.targetRate(), st.achievedRate() == null ? "?" : String.format(Locale.ROOT, "%.1f", st.achievedRate()),
                        st.succeeded(), st.failed(), st.goodFraction() * 100, n(st.e2e().p99()), st.met() ? "met" : "FAILED"));
            }
        }
        return s.toString();
    }

    private static String errors(Map<String, Long> byClass) {
        if (byClass.isEmpty()) {
            return "";
        }
        return " (" + byClass.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + ")";
    }

    static String objectives(Map<String, Double> ms) {
        return ms.entrySet().stream().map(e -> e.getKey() + "≤" + n(e.getValue()) + "ms").collect(Collectors.joining(", "));
    }

    private static String n(Double v) {
        if (v == null) {
            return "-";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String secs(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.2f s", v);
    }
}
