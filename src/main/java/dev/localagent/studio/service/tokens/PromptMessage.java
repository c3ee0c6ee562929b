package dev.localagent.studio.service.tokens;

import dev.localagent.studio.model.ChatMessage;
import dev.localagent.studio.model.ChatRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One message as the chat format counts it: role, optional participant name, content.
 *
 * @param role as on the wire: {@code system}, {@code user}, {@code assistant}, {@code developer}
 * @param name OpenAI's optional participant name, or null
 */
public record PromptMessage(String role, String name, String content) {

    public PromptMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    /** The messages a request sends, the system prompt first as a system message. */
    public static List<PromptMessage> of(ChatRequest request) {
        List<PromptMessage> out = new ArrayList<>(request.messages().size() + 1);
        if (request.systemPrompt() != null) {
            out.add(new PromptMessage("system", null, request.systemPrompt()));
        }
        for (ChatMessage m : request.messages()) {
            out.add(new PromptMessage(m.role().name().toLowerCase(Locale.ROOT), null, m.content()));
        }
        return out;
    }
}
