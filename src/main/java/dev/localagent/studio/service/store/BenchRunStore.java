package dev.localagent.studio.service.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Benchmark runs in the data folder's SQLite file, newest first, so any two can be compared later.
 * The report JSON is stored whole (with its histograms); the columns beside it are copies for the
 * history list. Thread-safe (one connection, synchronized).
 */
public final class BenchRunStore implements AutoCloseable {

    static final String COMPONENT = "bench";
    static final int VERSION = 1;

    /** Version i+1 is reached by {@code MIGRATIONS.get(i)}; append, never edit. */
    static final List<SqliteFile.Migration> MIGRATIONS = List.of(new SqliteFile.Migration(List.of(
            """
            CREATE TABLE bench_run (
                id TEXT PRIMARY KEY,
                started_at_epoch_ms INTEGER NOT NULL,
                scenario TEXT NOT NULL,
                provider_id TEXT NOT NULL,
                model TEXT NOT NULL,
                label TEXT,
                stopped_early INTEGER NOT NULL,
                report_json TEXT NOT NULL)""",
            "CREATE INDEX bench_run_by_time ON bench_run (started_at_epoch_ms)")));

    private final Connection connection;

    private BenchRunStore(Connection connection) {
        this.connection = connection;
    }

    public static BenchRunStore open(Path databaseFile) throws SQLException {
        Connection c = SqliteFile.open(databaseFile);
        try {
            SqliteFile.migrate(c, COMPONENT, "benchmark runs", MIGRATIONS);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return new BenchRunStore(c);
    }

    /** Saves a run, replacing one with the same id. */
    public synchronized void save(StoredBenchRun run) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT OR REPLACE INTO bench_run (id, started_at_epoch_ms, scenario, provider_id, model, label, stopped_early, report_json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, run.id());
            insert.setLong(2, run.startedAt().toEpochMilli());
            insert.setString(3, run.scenario());
            insert.setString(4, run.provider());
            insert.setString(5, run.model());
            insert.setString(6, run.label());
            insert.setInt(7, run.stoppedEarly() ? 1 : 0);
            insert.setString(8, run.reportJson());
            insert.executeUpdate();
        }
    }

    /** The newest runs first, at most {@code limit}. */
    public synchronized List<StoredBenchRun> recent(int limit) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement(
                "SELECT * FROM bench_run ORDER BY started_at_epoch_ms DESC, id LIMIT ?")) {
            q.setInt(1, limit);
            return rows(q);
        }
    }

    public synchronized Optional<StoredBenchRun> find(String id) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement("SELECT * FROM bench_run WHERE id = ?")) {
            q.setString(1, id);
            return rows(q).stream().findFirst();
        }
    }

    public synchronized void rename(String id, String label) throws SQLException {
        try (PreparedStatement u = connection.prepareStatement("UPDATE bench_run SET label = ? WHERE id = ?")) {
            u.setString(1, label == null || label.isBlank() ? null : label.strip());
            u.setString(2, id);
            u.executeUpdate();
        }
    }

    public synchronized boolean delete(String id) throws SQLException {
        try (PreparedStatement d = connection.prepareStatement("DELETE FROM bench_run WHERE id = ?")) {
            d.setString(1, id);
            return d.executeUpdate() > 0;
        }
    }

    public synchronized int schemaVersion() throws SQLException {
        return SqliteFile.version(connection, COMPONENT);
    }

    private static List<StoredBenchRun> rows(PreparedStatement q) throws SQLException {
        List<StoredBenchRun> runs = new ArrayList<>();
        try (ResultSet r = q.executeQuery()) {
            while (r.next()) {
                runs.add(new StoredBenchRun(r.getString("id"), Instant.ofEpochMilli(r.getLong("started_at_epoch_ms")), r.getString("scenario"),
                        r.getString("provider_id"), r.getString("model"), r.getString("label"), r.getInt("stopped_early") == 1,
                        r.getString("report_json")));
            }
        }
        return runs;
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }
}
