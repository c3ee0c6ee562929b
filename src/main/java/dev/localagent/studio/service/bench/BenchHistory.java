package dev.localagent.studio.service.bench;

import dev.localagent.studio.service.store.BenchRunStore;
import dev.localagent.studio.service.store.StoredBenchRun;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Saved runs as reports: the run store speaks JSON text, this speaks {@link BenchReport}. A stored
 * report that no longer reads (hand-edited, or from a newer build) is listed but not opened, with
 * the reason. Thread-safe.
 */
public final class BenchHistory {

    private final BenchRunStore store;

    public BenchHistory(BenchRunStore store) {
        this.store = store;
    }

    public void save(BenchReport report, String label) throws SQLException {
        store.save(new StoredBenchRun(report.id(), Instant.parse(report.startedAt()), report.scenario(), report.provider(), report.model(),
                label, report.stoppedEarly(), ReportJson.write(report)));
    }

    public List<StoredBenchRun> recent(int limit) throws SQLException {
        return store.recent(limit);
    }

    /** @throws IllegalArgumentException when the stored report does not read, in one line */
    public Optional<BenchReport> load(String id) throws SQLException {
        Optional<StoredBenchRun> run = store.find(id);
        return run.map(r -> ReportJson.read(r.reportJson()));
    }

    public void rename(String id, String label) throws SQLException {
        store.rename(id, label);
    }

    public boolean delete(String id) throws SQLException {
        return store.delete(id);
    }
}
