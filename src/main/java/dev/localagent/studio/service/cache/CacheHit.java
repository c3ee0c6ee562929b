package dev.localagent.studio.service.cache;

/** A reply served from the cache, with what serving it saved. */
public record CacheHit(CacheKey key, CachedReply reply, CacheSavings savings) {}
