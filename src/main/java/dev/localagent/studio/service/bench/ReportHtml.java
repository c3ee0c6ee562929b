package dev.localagent.studio.service.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as one self-contained HTML page: summary, latency table, and inline SVG charts of
 * latency, throughput and errors over time with the breaker's state as a band. No scripts, no
 * external files: it opens the same on a machine without network.
 */
public final class ReportHtml {

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:24px auto;max-width:820px;color:#1f2328;background:#fff}
            h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px}
            .sub{color:#59636e}table{border-collapse:collapse;width:100%;margin:8px 0}
            th,td{padding:4px 8px;border-bottom:1px solid #d1d9e0;text-align:right}th:first-child,td:first-child{text-align:left}
            .facts td{text-align:left}.bad{color:#cf222e;font-weight:600}.good{color:#1a7f37;font-weight:600}
            svg{width:100%;height:auto;margin:8px 0}.grid{stroke:#eaeef2}.axis{font-size:11px;fill:#59636e}.title{font-size:13px;font-weight:600;fill:#1f2328}
            .band-closed{fill:#1a7f37}.band-half{fill:#bf8700}.band-open{fill:#cf222e}
            @media (prefers-color-scheme: dark){body{background:#0d1117;color:#e6edf3}.title{fill:#e6edf3}.grid{stroke:#30363d}th,td{border-color:#30363d}}
            """;

    private ReportHtml() {}

    public static String write(BenchReport r) {
        StringBuilder s = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        s.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        s.append("<title>").append(escape(r.scenario() + " · " + r.provider() + " · " + r.model())).append("</title>");
        s.append("<style>").append(STYLE).append("</style></head><body>");
        s.append("<h1>").append(escape(r.scenario() + " benchmark · " + r.provider() + " · " + r.model())).append("</h1>");
        s.append("<div class=\"sub\">").append(escape("started " + r.startedAt() + " · "
                + String.format(Locale.ROOT, "%.1f s measured", r.durationSeconds())
                + (r.stoppedEarly() ? " · stopped early: partial results" : ""))).append("</div>");
        facts(s, r);
        latencyTable(s, r);
        charts(s, r);
        if (r.stress() != null) {
            stressTable(s, r.stress());
        }
        if (!r.breaker().transitions().isEmpty()) {
            s.append("<h2>Breaker transitions</h2><table><tr><th>at</th><th>from</th><th>to</th><th>why</th></tr>");
            for (BenchReport.Transition t : r.breaker().transitions()) {
                s.append(String.format(Locale.ROOT, "<tr><td>%.2f s</td><td>%s</td><td>%s</td><td>%s</td></tr>", t.at(), escape(t.from()),
                        escape(t.to()), escape(t.reason() == null ? "" : t.reason())));
            }
            s.append("</table>");
        }
        s.append("<h2>Settings</h2><pre>").append(escape(settingsText(r.settings()))).append("</pre>");
        s.append("<p class=\"sub\">LocalAgent Studio benchmark report, format ").append(r.formatVersion()).append(".</p>");
        return s.append("</body></html>\n").toString();
    }

    private static void facts(StringBuilder s, BenchReport r) {
        s.append("<h2>Summary</h2><table class=\"facts\">");
        row(s, "Requests", r.requests().sent() + " sent · " + r.requests().succeeded() + " succeeded · " + r.requests().failed() + " failed"
                + (r.requests().byErrorClass().isEmpty() ? "" : " " + r.requests().byErrorClass())
                + (r.requests().warmup() > 0 ? " · warm-up " + r.requests().warmup() + " (excluded)" : "")
                + (r.requests().warmupSkipped() > 0 ? " · " + r.requests().warmupSkipped() + " warm-up sends dropped unsent" : ""));
        row(s, "Throughput", String.format(Locale.ROOT, "%.1f requests/s · %.1f output tokens/s", r.throughput().requestsPerSecond(),
                r.throughput().outputTokensPerSecond()) + (r.tokens().source().equals("server") ? "" : " (tokens " + r.tokens().source() + ")"));
        if (r.targetRate() != null) {
            row(s, "Rate", String.format(Locale.ROOT, "target %.1f/s · achieved %s/s · %d late sends", r.targetRate(),
                    r.achievedRate() == null ? "?" : String.format(Locale.ROOT, "%.1f", r.achievedRate()), r.lateSends()));
        }
        if (r.goodput().met() != null) {
            s.append("<tr><td>Objectives</td><td>").append(escape(ReportSummary.objectives(r.goodput().objectivesMs())))
                    .append(String.format(Locale.ROOT, " · %.1f %% good · %.1f good requests/s · ", r.goodput().fraction() * 100,
                            r.goodput().requestsPerSecond()))
                    .append(r.goodput().met() ? "<span class=\"good\">met</span>" : "<span class=\"bad\">failed</span>").append("</td></tr>");
        }
        if (!r.cache().strategy().equals("disabled")) {
            row(s, "Cache", String.format(Locale.ROOT, "%s · %d hits · %d misses · hit rate %.1f %%", r.cache().strategy(), r.cache().hits(),
                    r.cache().misses(), r.cache().hitRate() * 100));
        }
        if (r.cacheComparison() != null) {
            row(s, "Against no cache", String.format(Locale.ROOT, "e2e p50 %s → %s ms · saved $%.6f", num(r.cacheComparison().e2eCacheOff().p50()),
                    num(r.latencyMs().e2e().p50()), r.cacheComparison().savedUsd()));
        }
        if (r.cost().totalUsd() > 0) {
            row(s, "Cost", String.format(Locale.ROOT, "$%.6f at list prices%s", r.cost().totalUsd(), r.cost().estimated() ? " (estimated)" : ""));
        }
        BenchReport.Breaker b = r.breaker();
        if (!b.transitions().isEmpty() || b.shortCircuited() > 0) {
            row(s, "Breaker", String.format(Locale.ROOT, "%d transitions · %d short-circuited · open %.1f s · ends %s", b.transitions().size(),
                    b.shortCircuited(), b.openSeconds(), b.finalState()));
            row(s, "Users saw", b.userView().answered() + " answers · " + b.userView().failedFast() + " refused at once · "
                    + b.userView().failedSlow() + " failures after waiting");
        }
        s.append("</table>");
    }

    private static void latencyTable(StringBuilder s, BenchReport r) {
        s.append("<h2>Latency (ms)</h2><table><tr><th>metric</th><th>count</th><th>p50</th><th>p90</th><th>p95</th><th>p99</th>")
                .append("<th>p99.9</th><th>max</th><th>mean</th></tr>");
        for (Map.Entry<String, LatencySummary> row : ReportSummary.latencyRows(r)) {
            LatencySummary l = row.getValue();
            s.append("<tr><td>").append(escape(row.getKey())).append("</td><td>").append(l.count()).append("</td>");
            for (Double v : new Double[] {l.p50(), l.p90(), l.p95(), l.p99(), l.p999(), l.max(), l.mean()}) {
                s.append("<td>").append(num(v)).append("</td>");
            }
            s.append("</tr>");
        }
        s.append("</table>");
    }

    private static void charts(StringBuilder s, BenchReport r) {
        List<TimelinePoint> points = r.timeline();
        if (points.isEmpty()) {
            return;
        }
        List<Double> xs = points.stream().map(TimelinePoint::atSeconds).toList();
        List<String> states = points.stream().map(TimelinePoint::breakerState).toList();
        s.append("<h2>Over time</h2>");
        s.append(new SvgChart("End-to-end latency", "ms", xs)
                .series("p50", "#0969da", points, TimelinePoint::e2eP50)
                .series("p90", "#8250df", points, TimelinePoint::e2eP90)
                .series("p99", "#cf222e", points, TimelinePoint::e2eP99)
                .breakerBand(states).svg());
        if (points.stream().anyMatch(p -> p.ttftP50() != null)) {
            s.append(new SvgChart("Time to first token", "ms", xs)
                    .series("p50", "#0969da", points, TimelinePoint::ttftP50)
                    .series("p99", "#cf222e", points, TimelinePoint::ttftP99).svg());
        }
        s.append(new SvgChart("Throughput", "requests/s", xs)
                .series("requests/s", "#1a7f37", points, TimelinePoint::requestsPerSecond)
                .series("errors/s", "#cf222e", points, p -> p.errors() / Math.max(1e-9, interval(points, p)))
                .breakerBand(states).svg());
        s.append("<p class=\"sub\">The strip under a chart is the breaker: green closed, amber half-open, red open.</p>");
    }

    private static double interval(List<TimelinePoint> points, TimelinePoint p) {
        int i = points.indexOf(p);
        return i <= 0 ? p.atSeconds() : p.atSeconds() - points.get(i - 1).atSeconds();
    }

    private static void stressTable(StringBuilder s, BenchReport.Stress stress) {
        s.append("<h2>Stress steps</h2><p>Objectives ").append(escape(ReportSummary.objectives(stress.objectivesMs()))).append(" · knee ")
                .append(stress.kneeRate() == null ? "none" : String.format(Locale.ROOT, "%.1f requests/s", stress.kneeRate())).append("</p>");
        s.append("<table><tr><th>step</th><th>target/s</th><th>achieved/s</th><th>ok</th><th>failed</th><th>good</th><th>p50 e2e</th>")
                .append("<th>p99 e2e</th><th>p99 ttft</th><th></th></tr>");
        for (BenchReport.Step st : stress.steps()) {
            s.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%.1f</td><td>%s</td><td>%d</td><td>%d</td><td>%.1f %%</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
                    st.step(), st.targetRate(), st.achievedRate() == null ? "-" : String.format(Locale.ROOT, "%.1f", st.achievedRate()),
                    st.succeeded(), st.failed(), st.goodFraction() * 100, num(st.e2e().p50()), num(st.e2e().p99()), num(st.ttft().p99()),
                    st.met() ? "<span class=\"good\">met</span>" : "<span class=\"bad\">failed</span>"));
        }
        s.append("</table>");
    }

    private static String settingsText(BenchReport.Settings st) {
        if (st == null) {
            return "";
        }
        return String.format(Locale.ROOT,
                "scenario %s · provider %s · model %s%s%nstream %s · max tokens %s · prompts %s · repeat ratio %.2f · cache %s%n"
                        + "concurrency %d · rate %s · arrival %s · duration %s · requests %s · warm-up %.1f s · ramp-up %.1f s%n"
                        + "objectives %s · simulator faults %s · seed %d · client limits %s",
                st.scenario(), st.provider(), st.model(), st.baseUrl() == null ? "" : " · " + st.baseUrl(), st.stream(), st.maxTokens(),
                st.prompts(), st.repeatRatio(), st.cacheStrategy(), st.concurrency(), st.rate() == null ? "-" : st.rate(), st.arrival(),
                st.durationSeconds() == null ? "-" : st.durationSeconds() + " s", st.requests() == null ? "-" : st.requests(),
                st.warmupSeconds(), st.rampUpSeconds(), st.objectivesMs() == null || st.objectivesMs().isEmpty() ? "none"
                        : ReportSummary.objectives(st.objectivesMs()), st.simFaults() == null ? "none" : st.simFaults(), st.seed(),
                st.clientLimits() ? "as configured" : "lifted");
    }

    private static void row(StringBuilder s, String name, String value) {
        s.append("<tr><td>").append(escape(name)).append("</td><td>").append(escape(value)).append("</td></tr>");
    }

    private static String num(Double v) {
        return v == null ? "-" : v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder s = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '&' -> s.append("&amp;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> s.append(c);
            }
        }
        return s.toString();
    }
}
