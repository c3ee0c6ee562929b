package dev.localagent.studio.service.store;

import dev.localagent.studio.model.Role;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Conversations and their messages in the data folder's SQLite file. A reply is saved while it
 * streams, so a crash keeps what had arrived; on open, replies left streaming by a process that
 * died are marked {@link StoredMessage.State#INCOMPLETE}. Blocks on disk: never call it on the FX
 * thread. One connection guarded by this object's monitor. Thread-safe.
 */
public final class ConversationStore implements AutoCloseable {

    static final String COMPONENT = "conversations";

    /** Version i+1 is reached by {@code MIGRATIONS.get(i)}; append, never edit, so old files upgrade in order. */
    static final List<SqliteFile.Migration> MIGRATIONS = List.of(new SqliteFile.Migration(List.of(
            """
            CREATE TABLE conversation (
                id TEXT PRIMARY KEY,
                title TEXT NOT NULL,
                provider_id TEXT,
                model TEXT,
                pinned INTEGER NOT NULL DEFAULT 0,
                created_ms INTEGER NOT NULL,
                updated_ms INTEGER NOT NULL)""",
            """
            CREATE TABLE message (
                id TEXT PRIMARY KEY,
                conversation_id TEXT NOT NULL REFERENCES conversation(id) ON DELETE CASCADE,
                seq INTEGER NOT NULL,
                role TEXT NOT NULL,
                provider_id TEXT,
                model TEXT,
                content TEXT NOT NULL,
                state TEXT NOT NULL,
                error TEXT,
                facts TEXT,
                created_ms INTEGER NOT NULL,
                updated_ms INTEGER NOT NULL)""",
            "CREATE INDEX message_by_conversation ON message (conversation_id, seq)")),
            // 2: branches. Each message points at the one it follows; a regenerated reply or an edited
            // question is a sibling of the old one, and the conversation remembers which leaf is shown.
            // Old conversations were linear: each message follows the one before it by seq.
            new SqliteFile.Migration(List.of(
                    "ALTER TABLE message ADD COLUMN parent_id TEXT",
                    """
                    UPDATE message SET parent_id = (SELECT p.id FROM message p
                        WHERE p.conversation_id = message.conversation_id AND p.seq < message.seq ORDER BY p.seq DESC LIMIT 1)""",
                    "ALTER TABLE conversation ADD COLUMN active_leaf_id TEXT",
                    """
                    UPDATE conversation SET active_leaf_id = (SELECT m.id FROM message m
                        WHERE m.conversation_id = conversation.id ORDER BY m.seq DESC LIMIT 1)""",
                    "CREATE INDEX message_by_parent ON message (conversation_id, parent_id)")),
            // 3: the user's own sampling presets.
            new SqliteFile.Migration(List.of("""
                    CREATE TABLE sampling_preset (
                        name TEXT PRIMARY KEY,
                        temperature REAL,
                        top_p REAL,
                        max_output_tokens INTEGER,
                        seed INTEGER,
                        updated_ms INTEGER NOT NULL)""")));

    private static final String FACT_SEPARATOR = "\u001f";

    private final Connection connection;
    private final Clock clock;

    private ConversationStore(Connection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
    }

    public static ConversationStore open(Path databaseFile, Clock clock) throws SQLException {
        Connection c = SqliteFile.open(databaseFile);
        try {
            SqliteFile.migrate(c, COMPONENT, "conversation tables", MIGRATIONS);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE message SET state = 'INCOMPLETE' WHERE state = 'STREAMING'");
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return new ConversationStore(c, clock);
    }

    public synchronized Conversation create(String title, String providerId, String model) throws SQLException {
        long now = clock.millis();
        String id = UUID.randomUUID().toString();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO conversation (id, title, provider_id, model, created_ms, updated_ms) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, title);
            insert.setString(3, providerId);
            insert.setString(4, model);
            insert.setLong(5, now);
            insert.setLong(6, now);
            insert.executeUpdate();
        }
        return new Conversation(id, title, providerId, model, false, Instant.ofEpochMilli(now), Instant.ofEpochMilli(now));
    }

    /** Pinned first, then the most recently active. */
    public synchronized List<Conversation> list() throws SQLException {
        return conversations("SELECT * FROM conversation ORDER BY pinned DESC, updated_ms DESC");
    }

    public synchronized Optional<Conversation> find(String id) throws SQLException {
        return conversations("SELECT * FROM conversation WHERE id = ?", id).stream().findFirst();
    }

    public synchronized void rename(String id, String title) throws SQLException {
        update("UPDATE conversation SET title = ? WHERE id = ?", title, id);
    }

    public synchronized void pin(String id, boolean pinned) throws SQLException {
        update("UPDATE conversation SET pinned = ? WHERE id = ?", pinned ? 1 : 0, id);
    }

    /** Deletes the conversation and its messages. */
    public synchronized void delete(String id) throws SQLException {
        update("DELETE FROM conversation WHERE id = ?", id);
    }

    /** Appends a message after the one shown last (the active branch's end) and marks the conversation active. */
    public synchronized StoredMessage append(String conversationId, Role role, String providerId, String model, String content,
            StoredMessage.State state) throws SQLException {
        String leaf = null;
        try (PreparedStatement q = connection.prepareStatement("SELECT active_leaf_id FROM conversation WHERE id = ?")) {
            q.setString(1, conversationId);
            try (ResultSet r = q.executeQuery()) {
                if (r.next()) {
                    leaf = r.getString(1);
                }
            }
        }
        return appendUnder(conversationId, leaf, role, providerId, model, content, state);
    }

    /**
     * Adds a message that follows {@code parentId} (null: a new first message), beside any that
     * already follow it, and shows the new branch. The old branches stay stored and reachable.
     */
    public synchronized StoredMessage appendUnder(String conversationId, String parentId, Role role, String providerId, String model,
            String content, StoredMessage.State state) throws SQLException {
        long now = clock.millis();
        String id = UUID.randomUUID().toString();
        int seq;
        try (PreparedStatement next = connection.prepareStatement("SELECT COALESCE(MAX(seq), 0) + 1 FROM message WHERE conversation_id = ?")) {
            next.setString(1, conversationId);
            try (ResultSet r = next.executeQuery()) {
                r.next();
                seq = r.getInt(1);
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO message (id, conversation_id, seq, role, provider_id, model, content, state, created_ms, updated_ms, parent_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, id);
            insert.setString(2, conversationId);
            insert.setInt(3, seq);
            insert.setString(4, role.name());
            insert.setString(5, providerId);
            insert.setString(6, model);
            insert.setString(7, content);
            insert.setString(8, state.name());
            insert.setLong(9, now);
            insert.setLong(10, now);
            insert.setString(11, parentId);
            insert.executeUpdate();
        }
        update("UPDATE conversation SET updated_ms = ?, active_leaf_id = ? WHERE id = ?", now, id, conversationId);
        return new StoredMessage(id, conversationId, seq, role, providerId, model, content, state, null, List.of(), Instant.ofEpochMilli(now));
    }

    /**
     * The branch on screen, first message first: from the conversation's active leaf up to the
     * root, each message with its place among its siblings (the other answers to the same turn).
     */
    public synchronized List<ThreadMessage> activeThread(String conversationId) throws SQLException {
        Tree tree = tree(conversationId);
        List<ThreadMessage> thread = new ArrayList<>();
        for (String id = tree.leaf; id != null; id = tree.parents.get(id)) {
            StoredMessage m = tree.byId.get(id);
            if (m == null) {
                break;
            }
            List<String> siblings = tree.children.getOrDefault(tree.parents.get(id), List.of());
            thread.add(new ThreadMessage(m, siblings.indexOf(id) + 1, siblings.size()));
        }
        java.util.Collections.reverse(thread);
        return thread;
    }

    /**
     * Shows another branch: the sibling {@code step} places from {@code messageId} (−1 the one
     * before, +1 the one after), continued down to its newest message. Does nothing past either end.
     */
    public synchronized void switchBranch(String conversationId, String messageId, int step) throws SQLException {
        Tree tree = tree(conversationId);
        if (!tree.byId.containsKey(messageId)) {
            return;
        }
        List<String> siblings = tree.children.getOrDefault(tree.parents.get(messageId), List.of());
        int target = siblings.indexOf(messageId) + step;
        if (target < 0 || target >= siblings.size()) {
            return;
        }
        String leaf = siblings.get(target);
        for (List<String> below = tree.children.get(leaf); below != null && !below.isEmpty(); below = tree.children.get(leaf)) {
            leaf = below.getLast();
        }
        update("UPDATE conversation SET active_leaf_id = ? WHERE id = ?", leaf, conversationId);
    }

    /** A conversation's messages as a tree: children in the order they were written. Root messages have a null parent. */
    private record Tree(Map<String, StoredMessage> byId, Map<String, String> parents, Map<String, List<String>> children, String leaf) {}

    private Tree tree(String conversationId) throws SQLException {
        Map<String, StoredMessage> byId = new HashMap<>();
        Map<String, String> parents = new HashMap<>();
        Map<String, List<String>> children = new HashMap<>();
        String last = null;
        try (PreparedStatement q = connection.prepareStatement("SELECT * FROM message WHERE conversation_id = ? ORDER BY seq")) {
            q.setString(1, conversationId);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    StoredMessage m = message(r, conversationId);
                    String parent = r.getString("parent_id");
                    byId.put(m.id(), m);
                    parents.put(m.id(), parent);
                    children.computeIfAbsent(parent, k -> new ArrayList<>()).add(m.id());
                    last = m.id();
                }
            }
        }
        String leaf = null;
        try (PreparedStatement q = connection.prepareStatement("SELECT active_leaf_id FROM conversation WHERE id = ?")) {
            q.setString(1, conversationId);
            try (ResultSet r = q.executeQuery()) {
                if (r.next()) {
                    leaf = r.getString(1);
                }
            }
        }
        return new Tree(byId, parents, children, leaf != null && byId.containsKey(leaf) ? leaf : last);
    }

    /** Saves a message's text and state; called while a reply streams and once when it ends. */
    public synchronized void update(String messageId, String content, StoredMessage.State state, String error, List<String> facts)
            throws SQLException {
        update("UPDATE message SET content = ?, state = ?, error = ?, facts = ?, updated_ms = ? WHERE id = ?",
                content, state.name(), error, facts == null || facts.isEmpty() ? null : String.join(FACT_SEPARATOR, facts), clock.millis(),
                messageId);
    }

    /** Every stored message of a conversation, all branches, in the order they were written. */
    public synchronized List<StoredMessage> messages(String conversationId) throws SQLException {
        List<StoredMessage> found = new ArrayList<>();
        try (PreparedStatement q = connection.prepareStatement("SELECT * FROM message WHERE conversation_id = ? ORDER BY seq")) {
            q.setString(1, conversationId);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    found.add(message(r, conversationId));
                }
            }
        }
        return found;
    }

    private static StoredMessage message(ResultSet r, String conversationId) throws SQLException {
        String facts = r.getString("facts");
        return new StoredMessage(r.getString("id"), conversationId, r.getInt("seq"), Role.valueOf(r.getString("role")),
                r.getString("provider_id"), r.getString("model"), r.getString("content"),
                StoredMessage.State.valueOf(r.getString("state")), r.getString("error"),
                facts == null ? List.of() : Arrays.asList(facts.split(FACT_SEPARATOR)), Instant.ofEpochMilli(r.getLong("created_ms")));
    }

    /** Conversations whose title or any message contains the text (case-insensitive), most recent first. */
    public synchronized List<Conversation> search(String text) throws SQLException {
        String like = "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return conversations("""
                SELECT * FROM conversation c
                WHERE lower(c.title) LIKE ? ESCAPE '\\'
                   OR EXISTS (SELECT 1 FROM message m WHERE m.conversation_id = c.id AND lower(m.content) LIKE ? ESCAPE '\\')
                ORDER BY c.pinned DESC, c.updated_ms DESC""", like, like);
    }

    /** The user's saved presets, by name. */
    public synchronized List<SamplingPreset> presets() throws SQLException {
        List<SamplingPreset> found = new ArrayList<>();
        try (PreparedStatement q = connection.prepareStatement("SELECT * FROM sampling_preset ORDER BY name COLLATE NOCASE");
                ResultSet r = q.executeQuery()) {
            while (r.next()) {
                found.add(new SamplingPreset(r.getString("name"), r.getObject("temperature") == null ? null : r.getDouble("temperature"),
                        r.getObject("top_p") == null ? null : r.getDouble("top_p"),
                        r.getObject("max_output_tokens") == null ? null : r.getInt("max_output_tokens"),
                        r.getObject("seed") == null ? null : r.getLong("seed"), false));
            }
        }
        return found;
    }

    /** Saves a preset, replacing one of the same name. */
    public synchronized void savePreset(SamplingPreset preset) throws SQLException {
        update("INSERT OR REPLACE INTO sampling_preset (name, temperature, top_p, max_output_tokens, seed, updated_ms) VALUES (?, ?, ?, ?, ?, ?)",
                preset.name(), preset.temperature(), preset.topP(), preset.maxOutputTokens(), preset.seed(), clock.millis());
    }

    public synchronized void deletePreset(String name) throws SQLException {
        update("DELETE FROM sampling_preset WHERE name = ?", name);
    }

    public synchronized int schemaVersion() throws SQLException {
        return SqliteFile.version(connection, COMPONENT);
    }

    private List<Conversation> conversations(String sql, Object... args) throws SQLException {
        List<Conversation> found = new ArrayList<>();
        try (PreparedStatement q = connection.prepareStatement(sql)) {
            bind(q, args);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    found.add(new Conversation(r.getString("id"), r.getString("title"), r.getString("provider_id"), r.getString("model"),
                            r.getInt("pinned") != 0, Instant.ofEpochMilli(r.getLong("created_ms")), Instant.ofEpochMilli(r.getLong("updated_ms"))));
                }
            }
        }
        return found;
    }

    private void update(String sql, Object... args) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            bind(s, args);
            s.executeUpdate();
        }
    }

    private static void bind(PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }
}
