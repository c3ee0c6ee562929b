package dev.localagent.studio.service.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The report's JSON form: the names of {@link BenchReport}'s components, every field present
 * (null when unknown), as docs/report-format.md describes. Reading ignores fields it does not
 * know, so a newer report opens in an older build. Thread-safe.
 */
public final class ReportJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);

    private ReportJson() {}

    public static String write(BenchReport report) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report could not be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** @throws IllegalArgumentException when the text is not a report, in one line */
    public static BenchReport read(String json) {
        try {
            BenchReport report = JSON.readValue(json, BenchReport.class);
            if (report == null || report.scenario() == null) {
                throw new IllegalArgumentException("not a benchmark report (no scenario)");
            }
            if (report.formatVersion() > BenchReport.FORMAT_VERSION) {
                throw new IllegalArgumentException("report format " + report.formatVersion() + " is newer than this build reads ("
                        + BenchReport.FORMAT_VERSION + ")");
            }
            return report;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a benchmark report: " + e.getOriginalMessage(), e);
        }
    }
}
