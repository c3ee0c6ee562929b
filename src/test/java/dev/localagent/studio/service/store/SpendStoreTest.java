package dev.localagent.studio.service.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpendStoreTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 29);

    @TempDir
    Path dir;

    private Path db() {
        return dir.resolve("studio.db");
    }

    private static SpendRow row(String provider, String conversation, LocalDate day, long nanos) {
        return new SpendRow(Instant.parse(day + "T12:00:00Z"), day, provider, conversation, "gpt-4o-mini", 100, 50, nanos, false);
    }

    @Test
    void spendSurvivesClosingAndReopening() throws Exception {
        try (SpendStore store = SpendStore.open(db())) {
            store.append(row("openai", "c1", DAY, 420_000));
            store.append(row("openai", "c1", DAY, 80_000));
        }

        try (SpendStore reopened = SpendStore.open(db())) {
            assertThat(reopened.spentOn("openai", DAY)).isEqualTo(500_000);
            assertThat(reopened.spentOnConversation("c1")).isEqualTo(500_000);
        }
    }

    @Test
    void sumsPerProviderPerDayAndPerConversation() throws Exception {
        try (SpendStore store = SpendStore.open(db())) {
            store.append(row("openai", "c1", DAY, 300));
            store.append(row("gemini", "c1", DAY, 200));
            store.append(row("openai", "c2", DAY, 100));
            store.append(row("openai", null, DAY.minusDays(1), 7));
            store.append(row("openai", null, DAY.minusDays(3), 5));

            assertThat(store.spentOn("openai", DAY)).isEqualTo(400);
            assertThat(store.spentOn("openai", DAY.plusDays(1))).isZero();
            assertThat(store.spentByProviderOn(DAY)).containsExactly(Map.entry("openai", 400L), Map.entry("gemini", 200L));
            assertThat(store.spentOnConversation("c1")).isEqualTo(500);
            assertThat(store.spentByProvider("openai")).isEqualTo(412);
            assertThat(store.dailySpend("openai", DAY.minusDays(2), DAY))
                    .containsExactly(Map.entry(DAY.minusDays(1), 7L), Map.entry(DAY, 400L));
        }
    }

    @Test
    void runsInWalModeAndRecordsItsSchemaVersion() throws Exception {
        try (SpendStore store = SpendStore.open(db())) {
            assertThat(store.schemaVersion()).isEqualTo(SpendStore.VERSION);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db()); Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("PRAGMA journal_mode")) {
                r.next();
                assertThat(r.getString(1)).isEqualToIgnoringCase("wal");
            }
        }
    }

    @Test
    void sharesTheFileWithOtherComponentsTables() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_version (component TEXT PRIMARY KEY, version INTEGER NOT NULL)");
            s.execute("INSERT INTO schema_version VALUES ('conversations', 3)");
            s.execute("CREATE TABLE conversation (id TEXT PRIMARY KEY)");
        }

        try (SpendStore store = SpendStore.open(db())) {
            store.append(row("openai", "c1", DAY, 1));
        }

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db()); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT component, version FROM schema_version ORDER BY component")) {
            r.next();
            assertThat(r.getString(1) + "=" + r.getInt(2)).isEqualTo("conversations=3");
            r.next();
            assertThat(r.getString(1) + "=" + r.getInt(2)).isEqualTo("spend=1");
        }
    }

    @Test
    void refusesTablesWrittenByANewerBuild() throws Exception {
        try (SpendStore store = SpendStore.open(db())) {
            store.append(row("openai", "c1", DAY, 1));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db()); Statement s = c.createStatement()) {
            s.execute("UPDATE schema_version SET version = 99 WHERE component = 'spend'");
        }

        assertThatThrownBy(() -> SpendStore.open(db())).isInstanceOf(SQLException.class)
                .hasMessageContaining("newer LocalAgent Studio (schema 99, this build knows 1)");
    }
}
