package dev.localagent.studio.model;

/** Who wrote a message. A system prompt is carried separately in {@link ChatRequest#systemPrompt()}. */
public enum Role {
    SYSTEM,
    USER,
    ASSISTANT
}
