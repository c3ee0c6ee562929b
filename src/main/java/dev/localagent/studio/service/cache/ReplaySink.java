package dev.localagent.studio.service.cache;

import dev.localagent.studio.model.ChatResult;

/**
 * Where a cached reply goes when its caller asked for a stream. The pipeline adapts this to its
 * own stream listener; the order is always one {@code onCacheHit}, the deltas, one {@code onComplete}.
 */
public interface ReplaySink {

    /** Comes first, so the caller can mark the reply as served from the cache before any text. */
    void onCacheHit(CacheSavings saved);

    void onDelta(String text);

    void onComplete(ChatResult result);
}
