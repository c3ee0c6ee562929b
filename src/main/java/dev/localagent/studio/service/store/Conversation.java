package dev.localagent.studio.service.store;

import java.time.Instant;

/** A stored conversation's header; its messages are read separately. */
public record Conversation(String id, String title, String providerId, String model, boolean pinned, Instant createdAt, Instant updatedAt) {}
