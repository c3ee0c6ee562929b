package dev.localagent.studio.service.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The one way the stores open the data folder's SQLite file and keep their part of its schema:
 * WAL mode, a busy timeout, and a version per component in {@code schema_version}. A component's
 * migrations run in order, each in one transaction; tables written by a newer build are refused,
 * never touched.
 */
final class SqliteFile {

    /** One step from version {@code index} to {@code index + 1}: statements run in one transaction. */
    record Migration(List<String> statements) {}

    private SqliteFile() {}

    static Connection open(Path databaseFile) throws SQLException {
        try {
            Files.createDirectories(databaseFile.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new SQLException("cannot create the folder of " + databaseFile + ": " + e.getMessage(), e);
        }
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + databaseFile.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA busy_timeout=5000");
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("PRAGMA foreign_keys=ON");
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (component TEXT PRIMARY KEY, version INTEGER NOT NULL)");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Brings a component's tables to the newest version; {@code migrations.get(i)} goes from i to i+1. */
    static void migrate(Connection c, String component, String what, List<Migration> migrations) throws SQLException {
        int found = version(c, component);
        if (found > migrations.size()) {
            throw new SQLException("the " + what + " were written by a newer LocalAgent Studio (schema " + found
                    + ", this build knows " + migrations.size() + "); not touching them");
        }
        for (int v = found; v < migrations.size(); v++) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : migrations.get(v).statements()) {
                    s.execute(sql);
                }
                try (PreparedStatement set = c.prepareStatement("INSERT OR REPLACE INTO schema_version (component, version) VALUES (?, ?)")) {
                    set.setString(1, component);
                    set.setInt(2, v + 1);
                    set.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    static int version(Connection c, String component) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT version FROM schema_version WHERE component = ?")) {
            q.setString(1, component);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? r.getInt(1) : 0;
            }
        }
    }
}
