package dev.localagent.studio.service.cache;

import dev.localagent.studio.model.CacheStrategy;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.ChatResult;
import dev.localagent.studio.model.ClientTimings;
import dev.localagent.studio.model.FinishReason;
import dev.localagent.studio.model.ProviderKind;
import dev.localagent.studio.model.ServerTimings;
import dev.localagent.studio.model.Usage;
import dev.localagent.studio.service.config.CacheSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/** Small builders the cache tests share. */
final class CacheFixtures {

    static final CacheSettings AGGRESSIVE_HOUR = new CacheSettings(CacheStrategy.AGGRESSIVE, 3_600);

    private CacheFixtures() {}

    static CacheRequest call(String prompt) {
        return call(ProviderKind.OPENAI, ChatRequest.builder("gpt-4o-mini").user(prompt).build());
    }

    static CacheRequest call(ProviderKind kind, ChatRequest request) {
        return new CacheRequest("sim-" + kind.id(), kind, "http://127.0.0.1:8080/v1", ApiKeyFingerprint.of("sk-test-1"), request);
    }

    static ChatResult result(String text) {
        return new ChatResult(text, FinishReason.STOP, new Usage(12, 30, null, null, false), "gpt-4o-mini", ServerTimings.NONE,
                new ClientTimings(1_000_000, 2_000_000, new long[0], 250_000_000), List.of(), null);
    }

    static CachedReply reply(String text) {
        return CachedReply.of(result(text), new BigDecimal("0.0000198"));
    }

    static CacheDecision keepFor(Duration ttl) {
        return CacheDecision.keep(ttl, "test: kept for " + ttl);
    }

    /** A text that compresses well, like a model's prose: the same phrases over and over. */
    static String prose(int length) {
        String phrase = "The cache keeps replies so the same question is not paid for twice. ";
        StringBuilder b = new StringBuilder(length);
        while (b.length() < length) {
            b.append(phrase);
        }
        return b.substring(0, length);
    }
}
