package dev.localagent.studio.service.bench;

import java.util.Objects;

/** One prompt of a set: what the user says and, optionally, a system prompt. */
public record BenchPrompt(String system, String user) {

    public BenchPrompt {
        Objects.requireNonNull(user, "user");
    }

    public static BenchPrompt of(String user) {
        return new BenchPrompt(null, user);
    }
}
