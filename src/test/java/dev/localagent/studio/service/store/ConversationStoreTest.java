package dev.localagent.studio.service.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localagent.studio.model.Role;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conversations in a real SQLite file in a temp folder. */
class ConversationStoreTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();

    private ConversationStore open() throws SQLException {
        return ConversationStore.open(dir.resolve("studio.db"), clock);
    }

    @Test
    void conversationsAndTheirMessagesSurviveReopening() throws Exception {
        String id;
        try (ConversationStore store = open()) {
            Conversation c = store.create("Pools", "sim-openai", "gpt-4o-mini");
            id = c.id();
            store.append(id, Role.USER, null, null, "What is a pool?", StoredMessage.State.DONE);
            StoredMessage reply = store.append(id, Role.ASSISTANT, "sim-openai", "gpt-4o-mini", "", StoredMessage.State.STREAMING);
            store.update(reply.id(), "A pool keeps connections.", StoredMessage.State.DONE, null, List.of("in 12 · out 5 tokens", "TTFT 80 ms"));
        }
        try (ConversationStore store = open()) {
            assertThat(store.list()).extracting(Conversation::title).containsExactly("Pools");
            List<StoredMessage> messages = store.messages(id);
            assertThat(messages).extracting(StoredMessage::role).containsExactly(Role.USER, Role.ASSISTANT);
            assertThat(messages.get(1).content()).isEqualTo("A pool keeps connections.");
            assertThat(messages.get(1).state()).isEqualTo(StoredMessage.State.DONE);
            assertThat(messages.get(1).facts()).containsExactly("in 12 · out 5 tokens", "TTFT 80 ms");
            assertThat(messages).extracting(StoredMessage::seq).containsExactly(1, 2);
        }
    }

    @Test
    void pinnedConversationsComeFirstThenTheMostRecentlyActive() throws Exception {
        try (ConversationStore store = open()) {
            Conversation a = store.create("a", null, null);
            clock.advance(Duration.ofSeconds(1));
            Conversation b = store.create("b", null, null);
            clock.advance(Duration.ofSeconds(1));
            Conversation c = store.create("c", null, null);
            clock.advance(Duration.ofSeconds(1));
            store.append(a.id(), Role.USER, null, null, "bump", StoredMessage.State.DONE);
            store.pin(b.id(), true);

            assertThat(store.list()).extracting(Conversation::title).containsExactly("b", "a", "c");

            store.rename(c.id(), "renamed");
            store.delete(a.id());
            assertThat(store.list()).extracting(Conversation::title).containsExactly("b", "renamed");
            assertThat(store.messages(a.id())).isEmpty();
        }
    }

    @Test
    void searchFindsTitlesAndMessageTextIgnoringCase() throws Exception {
        try (ConversationStore store = open()) {
            Conversation pools = store.create("Connection pools", null, null);
            Conversation breakers = store.create("Resilience", null, null);
            store.append(breakers.id(), Role.ASSISTANT, "sim-openai", null, "A Circuit Breaker opens after failures.", StoredMessage.State.DONE);
            store.create("100% literal_underscore", null, null);

            assertThat(store.search("circuit breaker")).extracting(Conversation::id).containsExactly(breakers.id());
            assertThat(store.search("POOLS")).extracting(Conversation::id).containsExactly(pools.id());
            assertThat(store.search("0% l")).extracting(Conversation::title).containsExactly("100% literal_underscore");
            assertThat(store.search("l_u")).extracting(Conversation::title).containsExactly("100% literal_underscore");
            assertThat(store.search("nothing like this")).isEmpty();
        }
    }

    @Test
    void aReplyWhoseWriterWasKilledMidStreamIsFoundIncompleteWithWhatHadArrived() throws Exception {
        Path db = dir.resolve("studio.db");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StreamingWriterProcess.class.getName(), db.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("saved "));
            assertThat(line).as("the child saved a streaming reply").isNotNull();
            String id = line.substring("saved ".length());
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

            try (ConversationStore store = ConversationStore.open(db, Clock.systemUTC())) {
                StoredMessage reply = store.messages(id).get(1);
                assertThat(reply.content()).isEqualTo("A connection pool keeps");
                assertThat(reply.state()).isEqualTo(StoredMessage.State.INCOMPLETE);
            }
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aFileWrittenByThePreviousBuildUpgradesAndKeepsItsSpendRecords() throws Exception {
        Path db = dir.resolve("studio.db");
        try (SpendStore spend = SpendStore.open(db)) {
            spend.append(new SpendRow(Instant.parse("2026-11-28T10:00:00Z"), java.time.LocalDate.parse("2026-11-28"), "openai", null,
                    "gpt-4o-mini", 10, 20, 1_000, false));
        }

        try (ConversationStore store = ConversationStore.open(db, clock); SpendStore spend = SpendStore.open(db)) {
            assertThat(store.schemaVersion()).isEqualTo(ConversationStore.MIGRATIONS.size());
            assertThat(spend.spentOn("openai", java.time.LocalDate.parse("2026-11-28"))).isEqualTo(1_000);
        }
    }

    @Test
    void tablesWrittenByANewerBuildAreRefusedAndLeftAlone() throws Exception {
        Path db = dir.resolve("studio.db");
        open().close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE schema_version SET version = 99 WHERE component = 'conversations'");
        }

        assertThatThrownBy(this::open).isInstanceOf(SQLException.class)
                .hasMessageContaining("written by a newer LocalAgent Studio (schema 99, this build knows " + ConversationStore.MIGRATIONS.size() + ")");
    }

    @Test
    void aFileWithTheFirstSchemaUpgradesToBranchesAndKeepsEveryMessageInOrder() throws Exception {
        Path db = dir.resolve("studio.db");
        // The file as the previous build left it: schema 1, written with that build's own DDL and inserts.
        try (Connection c = SqliteFile.open(db)) {
            SqliteFile.migrate(c, ConversationStore.COMPONENT, "conversation tables", ConversationStore.MIGRATIONS.subList(0, 1));
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO conversation VALUES ('c1', 'Old one', 'sim-openai', 'gpt-4o-mini', 0, 1, 2)");
                s.executeUpdate("INSERT INTO conversation VALUES ('c2', 'Empty', null, null, 1, 1, 1)");
                String[] texts = {"first question", "first answer", "second question", "second answer (failed)"};
                for (int i = 0; i < texts.length; i++) {
                    s.executeUpdate("INSERT INTO message (id, conversation_id, seq, role, content, state, created_ms, updated_ms) VALUES ('m" + i
                            + "', 'c1', " + (i + 1) + ", '" + (i % 2 == 0 ? "USER" : "ASSISTANT") + "', '" + texts[i] + "', '"
                            + (i == 3 ? "FAILED" : "DONE") + "', " + i + ", " + i + ")");
                }
            }
            assertThat(SqliteFile.version(c, ConversationStore.COMPONENT)).isEqualTo(1);
        }

        try (ConversationStore store = open()) {
            assertThat(store.schemaVersion()).isEqualTo(ConversationStore.MIGRATIONS.size());
            assertThat(store.list()).extracting(Conversation::title).containsExactly("Empty", "Old one");
            assertThat(store.messages("c1")).extracting(StoredMessage::content)
                    .containsExactly("first question", "first answer", "second question", "second answer (failed)");
            List<ThreadMessage> thread = store.activeThread("c1");
            assertThat(thread).extracting(t -> t.message().id()).containsExactly("m0", "m1", "m2", "m3");
            assertThat(thread).allSatisfy(t -> assertThat(t.branches()).isEqualTo(1));
            assertThat(thread.get(3).message().state()).isEqualTo(StoredMessage.State.FAILED);
            assertThat(store.activeThread("c2")).isEmpty();

            store.append("c1", Role.USER, null, null, "third question", StoredMessage.State.DONE);
            assertThat(store.activeThread("c1")).extracting(t -> t.message().content()).endsWith("second answer (failed)", "third question");
        }
    }

    @Test
    void aRegeneratedReplyIsASiblingAndTheOldBranchStaysReachable() throws Exception {
        try (ConversationStore store = open()) {
            String c = store.create("Branches", null, null).id();
            StoredMessage q = store.append(c, Role.USER, null, null, "Q", StoredMessage.State.DONE);
            StoredMessage a1 = store.append(c, Role.ASSISTANT, "p", null, "A1", StoredMessage.State.DONE);
            store.append(c, Role.USER, null, null, "follow-up", StoredMessage.State.DONE);
            StoredMessage a2 = store.appendUnder(c, q.id(), Role.ASSISTANT, "p", null, "A2", StoredMessage.State.DONE);

            assertThat(store.activeThread(c)).extracting(t -> t.message().content() + " " + t.branch() + "/" + t.branches())
                    .containsExactly("Q 1/1", "A2 2/2");

            store.switchBranch(c, a2.id(), -1);
            assertThat(store.activeThread(c)).extracting(t -> t.message().content() + " " + t.branch() + "/" + t.branches())
                    .containsExactly("Q 1/1", "A1 1/2", "follow-up 1/1");
            store.switchBranch(c, a1.id(), -1); // past the first: nothing changes
            assertThat(store.activeThread(c)).hasSize(3);

            StoredMessage edited = store.appendUnder(c, null, Role.USER, null, null, "Q edited", StoredMessage.State.DONE);
            assertThat(store.activeThread(c)).extracting(t -> t.message().content() + " " + t.branch() + "/" + t.branches())
                    .containsExactly("Q edited 2/2");
            store.switchBranch(c, edited.id(), -1); // back to the first question, continued down its newest replies
            assertThat(store.activeThread(c)).extracting(t -> t.message().content()).containsExactly("Q", "A2");
            assertThat(store.messages(c)).hasSize(5);
        }
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-29T09:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
