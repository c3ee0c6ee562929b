package dev.localagent.studio.service.store;

import java.time.Instant;

/**
 * One benchmark run as stored: the columns the history lists and filters on, and the whole report
 * as JSON (docs/report-format.md), which the store keeps as given.
 *
 * @param label the user's name for the run, or null
 */
public record StoredBenchRun(String id, Instant startedAt, String scenario, String provider, String model, String label,
        boolean stoppedEarly, String reportJson) {}
