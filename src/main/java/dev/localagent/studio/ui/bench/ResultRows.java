package dev.localagent.studio.ui.bench;

import dev.localagent.studio.service.bench.BenchReport;
import dev.localagent.studio.service.bench.LatencySummary;
import dev.localagent.studio.service.bench.ReportSummary;
import dev.localagent.studio.service.bench.RunComparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A report turned into the rows the results tables show, as text. */
public final class ResultRows {

    /** One latency metric: its percentiles in milliseconds. */
    public record LatencyRow(String metric, String p50, String p90, String p95, String p99, String p999, String max, String mean) {}

    /** One headline fact: a name and its value. */
    public record Fact(String name, String value) {}

    /** One compared metric; {@code verdict} is {@code better}, {@code worse} or empty. */
    public record ComparisonRow(String metric, String baseline, String candidate, String delta, String verdict) {}

    /** Breaker transitions listed in the facts; the rest are in the report. */
    static final int SHOWN_TRANSITIONS = 4;

    private ResultRows() {}

    private static String state(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    static List<LatencyRow> latency(BenchReport r) {
        List<LatencyRow> rows = new ArrayList<>();
        for (Map.Entry<String, LatencySummary> e : ReportSummary.latencyRows(r)) {
            LatencySummary l = e.getValue();
            if (l.count() == 0) {
                continue;
            }
            rows.add(new LatencyRow(e.getKey(), ms(l.p50()), ms(l.p90()), ms(l.p95()), ms(l.p99()), ms(l.p999()), ms(l.max()), ms(l.mean())));
        }
        return rows;
    }

    /** A run's measured time: tenths of a second up to a minute (4.5 s), then minutes and seconds (2:05). */
    static String measuredTime(double seconds) {
        return seconds < 59.95 ? String.format(Locale.ROOT, "%.1f s", seconds) : clock(seconds);
    }

    /** Whole seconds, or minutes and seconds from a minute on: for the time a run has been going or has left. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60) : s + " s";
    }

    static List<Fact> facts(BenchReport r) {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("run", r.scenario() + " · " + r.provider() + " · " + r.model()
                + (r.stoppedEarly() ? " · stopped early: partial results" : "")));
        facts.add(new Fact("measured", measuredTime(r.durationSeconds())));
        BenchReport.Requests q = r.requests();
        StringBuilder requests = new StringBuilder(String.format(Locale.ROOT, "%d sent · %d succeeded · %d failed", q.sent(), q.succeeded(),
                q.failed()));
        q.byErrorClass().forEach((k, v) -> requests.append(" · ").append(k).append(' ').append(v));
        if (q.warmupSkipped() > 0) {
            requests.append(" · ").append(q.warmupSkipped()).append(" warm-up sends dropped unsent");
        }
        facts.add(new Fact("requests", requests.toString()));
        facts.add(new Fact("throughput", String.format(Locale.ROOT, "%.1f req/s · %.1f output tokens/s",
                r.throughput().requestsPerSecond(), r.throughput().outputTokensPerSecond())));
        if (r.targetRate() != null) {
            facts.add(new Fact("rate", String.format(Locale.ROOT, "target %.1f/s · achieved %s/s · late sends %d", r.targetRate(),
                    r.achievedRate() == null ? "?" : String.format(Locale.ROOT, "%.1f", r.achievedRate()), r.lateSends())));
        }
        BenchReport.Goodput g = r.goodput();
        if (g.met() != null) {
            facts.add(new Fact("goodput", String.format(Locale.ROOT, "%.1f req/s · %.1f %% good · objectives %s", g.requestsPerSecond(),
                    g.fraction() * 100, g.met() ? "met" : "FAILED")));
        }
        BenchReport.Breaker b = r.breaker();
        if (b != null && (!b.transitions().isEmpty() || b.shortCircuited() > 0 || r.scenario().equals("breaker"))) {
            facts.add(new Fact("breaker", String.format(Locale.ROOT, "%d transitions · %d short-circuited · open %.1f s · now %s",
                    b.transitions().size(), b.shortCircuited(), b.openSeconds(), b.finalState())));
            // The first few transitions, when each happened: the timeline the run was meant to show.
            for (BenchReport.Transition t : b.transitions().subList(0, Math.min(SHOWN_TRANSITIONS, b.transitions().size()))) {
                facts.add(new Fact("", String.format(Locale.ROOT, "%.1f s  %s → %s", t.at(), state(t.from()), state(t.to()))));
            }
            if (b.transitions().size() > SHOWN_TRANSITIONS) {
                facts.add(new Fact("", "… " + (b.transitions().size() - SHOWN_TRANSITIONS) + " more in the exported report"));
            }
            if (b.userView() != null) {
                facts.add(new Fact("users saw", String.format(Locale.ROOT, "%d answers · %d refused at once · %d failed after waiting",
                        b.userView().answered(), b.userView().failedFast(), b.userView().failedSlow())));
            }
        }
        BenchReport.Cache c = r.cache();
        if (c != null && !c.strategy().equals("disabled")) {
            String saving = r.cacheComparison() == null ? "" : String.format(Locale.ROOT, " · saved $%.6f%s", r.cacheComparison().savedUsd(),
                    r.cacheComparison().e2eP50SpeedUp() == null ? "" : String.format(Locale.ROOT, " · p50 %.1fx faster",
                            r.cacheComparison().e2eP50SpeedUp()));
            facts.add(new Fact("cache", String.format(Locale.ROOT, "%s · hit rate %.1f %% (%d hits, %d misses)%s", c.strategy(),
                    c.hitRate() * 100, c.hits(), c.misses(), saving)));
        }
        if (r.stress() != null) {
            facts.add(new Fact("knee", r.stress().kneeRate() == null ? "none: the first step already failed"
                    : String.format(Locale.ROOT, "%.1f req/s", r.stress().kneeRate())));
        }
        facts.add(new Fact("cost", String.format(Locale.ROOT, "$%.6f%s", r.cost().totalUsd(), r.cost().estimated() ? " (estimated)" : "")));
        return facts;
    }

    static List<ComparisonRow> comparison(RunComparison c) {
        List<ComparisonRow> rows = new ArrayList<>();
        for (RunComparison.Row row : c.rows()) {
            if (row.baseline() == null && row.candidate() == null) {
                continue;
            }
            String delta = row.delta() == null ? "" : String.format(Locale.ROOT, "%+.2f %s%s", row.delta(), row.unit(),
                    row.deltaPercent() == null ? "" : String.format(Locale.ROOT, " (%+.1f %%)", row.deltaPercent()));
            String verdict = row.improved() == null ? "" : row.improved() ? "better" : "worse";
            rows.add(new ComparisonRow(row.metric() + " (" + row.unit() + ")", number(row.baseline()), number(row.candidate()), delta, verdict));
        }
        return rows;
    }

    static String ms(Double v) {
        if (v == null) {
            return "–";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String number(Double v) {
        if (v == null) {
            return "–";
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.4g", v);
    }
}
