package dev.localagent.studio.service.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The priced replies in SQLite, so daily spend and budgets survive restarts. WAL mode, one
 * connection guarded by this object's monitor (SQLite serialises writers anyway, and these are
 * tiny statements). The schema has a version per component in {@code schema_version}, so other
 * features can keep their own tables in the same file. Thread-safe.
 */
public final class SpendStore implements AutoCloseable {

    /** This component's name in {@code schema_version}. */
    static final String COMPONENT = "spend";
    /** The schema version this build writes: the number of migration steps. */
    static final int VERSION = 1;

    private final Connection connection;

    private SpendStore(Connection connection) {
        this.connection = connection;
    }

    /** Version i+1 is reached by {@code MIGRATIONS.get(i)}; append, never edit. */
    static final List<SqliteFile.Migration> MIGRATIONS = List.of(new SqliteFile.Migration(List.of(
            """
            CREATE TABLE reply_cost (
                id INTEGER PRIMARY KEY,
                at_epoch_ms INTEGER NOT NULL,
                day TEXT NOT NULL,
                provider_id TEXT NOT NULL,
                conversation_id TEXT,
                model TEXT NOT NULL,
                prompt_tokens INTEGER,
                completion_tokens INTEGER,
                cost_nano_usd INTEGER NOT NULL,
                estimated INTEGER NOT NULL)""",
            "CREATE INDEX reply_cost_by_provider_day ON reply_cost (provider_id, day)",
            "CREATE INDEX reply_cost_by_day ON reply_cost (day)",
            "CREATE INDEX reply_cost_by_conversation ON reply_cost (conversation_id)")));

    /** Opens (creating if needed) the database file and brings its spend tables up to date. */
    public static SpendStore open(Path databaseFile) throws SQLException {
        Connection c = SqliteFile.open(databaseFile);
        try {
            SqliteFile.migrate(c, COMPONENT, "spend tables", MIGRATIONS);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return new SpendStore(c);
    }

    public synchronized int schemaVersion() throws SQLException {
        return SqliteFile.version(connection, COMPONENT);
    }

    public synchronized void append(SpendRow row) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO reply_cost (at_epoch_ms, day, provider_id, conversation_id, model, prompt_tokens, completion_tokens,
                                        cost_nano_usd, estimated)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setLong(1, row.at().toEpochMilli());
            insert.setString(2, row.day().toString());
            insert.setString(3, row.providerId());
            insert.setString(4, row.conversationId());
            insert.setString(5, row.model());
            setInteger(insert, 6, row.promptTokens());
            setInteger(insert, 7, row.completionTokens());
            insert.setLong(8, row.costNanoUsd());
            insert.setInt(9, row.estimated() ? 1 : 0);
            insert.executeUpdate();
        }
    }

    /** One provider's spend on one day, in nano-dollars. */
    public synchronized long spentOn(String providerId, LocalDate day) throws SQLException {
        return sum("SELECT COALESCE(SUM(cost_nano_usd), 0) FROM reply_cost WHERE provider_id = ? AND day = ?", providerId, day.toString());
    }

    /** Every provider's spend on one day, in nano-dollars, highest first. */
    public synchronized Map<String, Long> spentByProviderOn(LocalDate day) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (PreparedStatement q = connection.prepareStatement(
                "SELECT provider_id, SUM(cost_nano_usd) AS spent FROM reply_cost WHERE day = ? GROUP BY provider_id ORDER BY spent DESC, provider_id")) {
            q.setString(1, day.toString());
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), r.getLong(2));
                }
            }
        }
        return out;
    }

    /** One provider's spend per day over a range of days (both ends included), in nano-dollars. */
    public synchronized Map<LocalDate, Long> dailySpend(String providerId, LocalDate from, LocalDate to) throws SQLException {
        Map<LocalDate, Long> out = new LinkedHashMap<>();
        try (PreparedStatement q = connection.prepareStatement(
                "SELECT day, SUM(cost_nano_usd) FROM reply_cost WHERE provider_id = ? AND day BETWEEN ? AND ? GROUP BY day ORDER BY day")) {
            q.setString(1, providerId);
            q.setString(2, from.toString());
            q.setString(3, to.toString());
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    out.put(LocalDate.parse(r.getString(1)), r.getLong(2));
                }
            }
        }
        return out;
    }

    /** A conversation's spend over all providers, in nano-dollars. */
    public synchronized long spentOnConversation(String conversationId) throws SQLException {
        return sum("SELECT COALESCE(SUM(cost_nano_usd), 0) FROM reply_cost WHERE conversation_id = ?", conversationId);
    }

    /** A provider's spend over all time, in nano-dollars. */
    public synchronized long spentByProvider(String providerId) throws SQLException {
        return sum("SELECT COALESCE(SUM(cost_nano_usd), 0) FROM reply_cost WHERE provider_id = ?", providerId);
    }

    private long sum(String sql, String... args) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                q.setString(i + 1, args[i]);
            }
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static void setInteger(PreparedStatement s, int index, Integer value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setInt(index, value);
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }
}
