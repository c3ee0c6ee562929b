package dev.localagent.studio.ui.chat;

import dev.localagent.studio.ui.common.EmptyState;
import javafx.scene.layout.StackPane;

/** The chat playground. Until the provider clients land it explains what will be here. */
public final class ChatView extends StackPane {

    public ChatView() {
        getStyleClass().add("chat-view");
        getChildren().add(new EmptyState("Chat",
                "A streaming playground over Ollama, OpenAI-compatible servers, Gemini and Perplexity,"
                        + " with the facts of every reply: tokens, cost, time to first token, tokens/s, cache hits,"
                        + " retries and circuit-breaker state.",
                "Not in this build yet: it arrives with the provider clients."));
    }
}
