package dev.localagent.studio.service.bench;

import java.util.Locale;
import java.util.Map;

/**
 * The report as CSV for spreadsheets: one row per latency metric (milliseconds), then one row per
 * timeline interval. Two tables in one file, separated by a blank line, each with its header.
 */
public final class ReportCsv {

    private ReportCsv() {}

    public static String write(BenchReport r) {
        StringBuilder s = new StringBuilder();
        s.append("scenario,provider,model,metric,count,p50,p90,p95,p99,p999,max,mean\n");
        for (Map.Entry<String, LatencySummary> row : ReportSummary.latencyRows(r)) {
            LatencySummary l = row.getValue();
            s.append(String.join(",", cell(r.scenario()), cell(r.provider()), cell(r.model()), cell(row.getKey().replace(' ', '_')),
                    Long.toString(l.count()), n(l.p50()), n(l.p90()), n(l.p95()), n(l.p99()), n(l.p999()), n(l.max()), n(l.mean())))
                    .append('\n');
        }
        s.append('\n');
        s.append("at_seconds,warmup,completed,errors,requests_per_second,output_tokens_per_second,e2e_p50,e2e_p90,e2e_p99,ttft_p50,ttft_p99,in_flight,breaker_state,cache_hits\n");
        for (TimelinePoint p : r.timeline()) {
            s.append(String.join(",", n(p.atSeconds()), Boolean.toString(p.warmup()), Long.toString(p.completed()), Long.toString(p.errors()),
                    n(p.requestsPerSecond()), n(p.outputTokensPerSecond()), n(p.e2eP50()), n(p.e2eP90()), n(p.e2eP99()), n(p.ttftP50()),
                    n(p.ttftP99()), Integer.toString(p.inFlight()), cell(p.breakerState()), Long.toString(p.cacheHits()))).append('\n');
        }
        return s.toString();
    }

    private static String n(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** Quotes a text cell when it holds a separator, a quote or a line break (RFC 4180). */
    static String cell(String v) {
        if (v == null) {
            return "";
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
