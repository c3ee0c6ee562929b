package dev.localagent.studio.service.store;

import dev.localagent.studio.model.Role;
import java.time.Instant;
import java.util.List;

/**
 * One stored message.
 *
 * @param state {@link State#INCOMPLETE} for a reply whose stream never finished (the app was closed
 *     or killed while it streamed): its text is what had arrived
 * @param facts the facts shown under a reply, one phrase each
 */
public record StoredMessage(
        String id, String conversationId, int seq, Role role, String providerId, String model, String content, State state, String error,
        List<String> facts, Instant createdAt) {

    /** Where a message stands. */
    public enum State {
        STREAMING,
        DONE,
        STOPPED,
        FAILED,
        INCOMPLETE
    }

    public StoredMessage {
        facts = facts == null ? List.of() : List.copyOf(facts);
    }
}
