package dev.localagent.studio.ui.chat;

import dev.localagent.studio.model.Role;
import dev.localagent.studio.service.store.Conversation;
import dev.localagent.studio.service.store.ConversationStore;
import dev.localagent.studio.service.store.StoredMessage;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves one exchange while it happens, on the background thread: the question at once, the reply
 * as it streams (at most once a second) and when it ends. A failed save is logged and the chat
 * goes on: losing history must never lose the reply on screen.
 */
final class ReplySaver {

    private static final Logger LOG = LoggerFactory.getLogger(ReplySaver.class);
    /** A streaming reply is saved at least this often, so a crash keeps what had arrived. */
    private static final long SAVE_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

    private final ConversationStore store;
    private final StringBuilder received = new StringBuilder();
    private String conversationId;
    private String replyId;
    private long lastSave = System.nanoTime();

    /** Where an exchange goes in the conversation's tree of branches. */
    record Placement(Kind kind, String anchorId) {
        enum Kind {
            /** A new question after the last message shown. */
            AFTER_LAST,
            /** An edited question: a sibling of the old one, following {@code anchorId} (null: the first message). */
            QUESTION_UNDER,
            /** A regenerated reply: another answer to the stored question {@code anchorId}. */
            REPLY_UNDER
        }

        static Placement afterLast() {
            return new Placement(Kind.AFTER_LAST, null);
        }

        static Placement questionUnder(String parentId) {
            return new Placement(Kind.QUESTION_UNDER, parentId);
        }

        static Placement replyTo(String questionId) {
            return new Placement(Kind.REPLY_UNDER, questionId);
        }
    }

    /**
     * @param conversation the conversation on screen, or null to start a new one
     * @param question the user's message; stored here unless the placement answers a stored one again
     * @param created told about a conversation this exchange started
     */
    ReplySaver(ConversationStore store, Conversation conversation, Placement placement, String providerId, String modelName,
            ChatMessageItem question, String questionText, ChatMessageItem reply, Consumer<Conversation> created) {
        this.store = store;
        try {
            Conversation c = conversation;
            if (c == null) {
                c = store.create(title(questionText), providerId, modelName);
                created.accept(c);
            }
            conversationId = c.id();
            String questionId = switch (placement.kind()) {
                case AFTER_LAST -> store.append(c.id(), Role.USER, null, null, questionText, StoredMessage.State.DONE).id();
                case QUESTION_UNDER -> store.appendUnder(c.id(), placement.anchorId(), Role.USER, null, null, questionText,
                        StoredMessage.State.DONE).id();
                case REPLY_UNDER -> placement.anchorId();
            };
            question.storedId(questionId);
            replyId = store.appendUnder(c.id(), questionId, Role.ASSISTANT, providerId, modelName, "", StoredMessage.State.STREAMING).id();
            reply.storedId(replyId);
        } catch (SQLException e) {
            LOG.warn("Conversation not saved: {}", e.getMessage());
        }
    }

    /**
     * Saves the second reply of a comparison as another answer to the question the first saver
     * stored, and keeps the first reply the branch on screen. Background thread.
     */
    static ReplySaver secondAnswer(ConversationStore store, String conversationId, Conversation known, String providerId, String modelName,
            ChatMessageItem question, ChatMessageItem reply) {
        Conversation conversation = known;
        try {
            if (conversation == null && conversationId != null) {
                conversation = store.find(conversationId).orElse(null);
            }
        } catch (SQLException e) {
            LOG.warn("Conversation not read: {}", e.getMessage());
        }
        ReplySaver saver = new ReplySaver(store, conversation, Placement.replyTo(question.storedId()), providerId, modelName, question,
                question.textProperty().get(), reply, c -> { });
        try {
            if (saver.conversationId != null && reply.storedId() != null) {
                store.switchBranch(saver.conversationId, reply.storedId(), -1);
            }
        } catch (SQLException e) {
            LOG.warn("Branch not switched: {}", e.getMessage());
        }
        return saver;
    }

    String conversationId() {
        return conversationId;
    }

    void arrived(String piece) {
        received.append(piece);
        if (replyId != null && System.nanoTime() - lastSave >= SAVE_EVERY_NANOS) {
            lastSave = System.nanoTime();
            save(received.toString(), StoredMessage.State.STREAMING, null, List.of());
        }
    }

    /** @param finalText the reply's whole text, or null to keep what arrived */
    void finish(String finalText, StoredMessage.State end, String error, List<String> facts) {
        if (replyId != null) {
            save(finalText != null ? finalText : received.toString(), end, error, facts);
        }
    }

    private void save(String content, StoredMessage.State at, String error, List<String> facts) {
        try {
            store.update(replyId, content, at, error, facts);
        } catch (SQLException e) {
            LOG.warn("Reply not saved: {}", e.getMessage());
        }
    }

    /** The first line of the question, short enough for the conversation list. */
    static String title(String question) {
        String oneLine = question.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
    }
}
