package dev.localagent.studio.service.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localagent.studio.model.Role;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A conversation as a file: JSON that imports back into the same conversation, and Markdown for
 * reading and sharing. Facts and errors travel with each reply. Pure text in, text out; the
 * caller does the file I/O.
 */
public final class ConversationArchive {

    static final String FORMAT = "localagent-studio.conversation";
    static final int VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConversationArchive() {}

    public static String toJson(Conversation c, List<StoredMessage> messages) {
        ObjectNode root = JSON.createObjectNode().put("format", FORMAT).put("version", VERSION)
                .put("title", c.title()).put("providerId", c.providerId()).put("model", c.model())
                .put("createdAt", c.createdAt().toString());
        ArrayNode list = root.putArray("messages");
        for (StoredMessage m : messages) {
            ObjectNode node = list.addObject().put("role", m.role().name().toLowerCase(Locale.ROOT)).put("content", m.content())
                    .put("state", m.state().name().toLowerCase(Locale.ROOT));
            if (m.providerId() != null) {
                node.put("providerId", m.providerId());
            }
            if (m.model() != null) {
                node.put("model", m.model());
            }
            if (m.error() != null) {
                node.put("error", m.error());
            }
            if (!m.facts().isEmpty()) {
                ArrayNode facts = node.putArray("facts");
                m.facts().forEach(facts::add);
            }
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("a conversation could not be written as JSON", e);
        }
    }

    public static String toMarkdown(Conversation c, List<StoredMessage> messages) {
        StringBuilder md = new StringBuilder("# ").append(c.title()).append("\n\n");
        for (StoredMessage m : messages) {
            md.append("## ").append(m.role() == Role.USER ? "You" : m.providerId() == null ? "Assistant" : m.providerId())
                    .append(m.model() != null && m.role() != Role.USER ? " (" + m.model() + ")" : "").append("\n\n")
                    .append(m.content()).append("\n\n");
            if (!m.facts().isEmpty()) {
                md.append("_").append(String.join(" · ", m.facts())).append("_\n\n");
            }
            if (m.error() != null) {
                md.append("> ").append(m.error()).append("\n\n");
            }
        }
        return md.toString();
    }

    /**
     * Imports a file written by {@link #toJson} as a new conversation.
     *
     * @throws IllegalArgumentException when the text is not such a file, saying what is wrong
     */
    public static Conversation importJson(String json, ConversationStore store) throws SQLException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a conversation file: it is not valid JSON");
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException("not a conversation file: \"format\" is not \"" + FORMAT + "\"");
        }
        if (root.path("version").asInt() > VERSION) {
            throw new IllegalArgumentException("the conversation file was written by a newer LocalAgent Studio (version "
                    + root.path("version").asInt() + ")");
        }
        List<JsonNode> messages = new ArrayList<>();
        root.path("messages").forEach(messages::add);
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            if (!m.path("content").isTextual() || role(m) == null) {
                throw new IllegalArgumentException("not a conversation file: message " + (i + 1) + " needs a role and a content");
            }
        }
        Conversation c = store.create(root.path("title").asText("Imported conversation"), text(root, "providerId"), text(root, "model"));
        for (JsonNode m : messages) {
            StoredMessage.State state = state(m.path("state").asText("done"));
            StoredMessage saved = store.append(c.id(), role(m), text(m, "providerId"), text(m, "model"), m.path("content").asText(), state);
            List<String> facts = new ArrayList<>();
            m.path("facts").forEach(f -> facts.add(f.asText()));
            if (!facts.isEmpty() || m.has("error")) {
                store.update(saved.id(), m.path("content").asText(), state, text(m, "error"), facts);
            }
        }
        return store.find(c.id()).orElse(c);
    }

    private static Role role(JsonNode m) {
        try {
            return Role.valueOf(m.path("role").asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static StoredMessage.State state(String text) {
        try {
            StoredMessage.State s = StoredMessage.State.valueOf(text.toUpperCase(Locale.ROOT));
            return s == StoredMessage.State.STREAMING ? StoredMessage.State.INCOMPLETE : s;
        } catch (IllegalArgumentException e) {
            return StoredMessage.State.DONE;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
