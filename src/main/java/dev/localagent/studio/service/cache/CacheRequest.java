package dev.localagent.studio.service.cache;

import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.ProviderKind;
import java.util.Objects;

/**
 * Everything the cache needs to know about one call: who is asked, where, with which key
 * (as a fingerprint only), and what.
 *
 * @param providerId the configured provider's id ({@code sim-openai})
 * @param baseUrl the provider's root address; null when not known yet
 */
public record CacheRequest(String providerId, ProviderKind kind, String baseUrl, ApiKeyFingerprint apiKey, ChatRequest request) {

    public CacheRequest {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(request, "request");
    }

    /** The key of this call, computed once per call by the caller that needs it. */
    public CacheKey key() {
        return CacheKey.of(this);
    }
}
