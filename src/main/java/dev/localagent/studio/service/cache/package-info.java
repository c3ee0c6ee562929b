/**
 * The response cache. The pipeline uses it through {@code app.ReplyAccountant} and
 * {@code ProviderPipeline}; in outline:
 *
 * <pre>{@code
 * CacheRequest call = new CacheRequest(providerId, kind, baseUrl, ApiKeyFingerprint.of(apiKey), request);
 * Optional<CacheHit> hit = cache.lookup(call);           // no lookup at all when the provider's cache is DISABLED
 * if (hit.isPresent()) {
 *     new StreamReplay().replay(hit.get(), sink);         // sink adapts ReplaySink to the caller's stream listener
 *     return hit.get().reply().toChatResult();            // record cacheHit = true, with hit.get().savings()
 * }
 * ChatResult result = provider.chat(request, listener, cancel);
 * cache.store(call, result, costUsd);                     // the strategy decides; the decision carries its reason
 * }</pre>
 *
 * The key is computed once per call ({@link dev.localagent.studio.service.cache.CacheRequest#key()}
 * hashes the whole conversation), so compute it once and reuse it if both lookup and store need it.
 */
package dev.localagent.studio.service.cache;
