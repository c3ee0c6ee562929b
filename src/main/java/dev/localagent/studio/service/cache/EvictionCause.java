package dev.localagent.studio.service.cache;

/** Why an entry left the cache. */
public enum EvictionCause {
    /** Least recently used, pushed out by the entry-count or byte bound. */
    SIZE,
    /** Its time to live ran out. */
    EXPIRED,
    /** Someone evicted it or cleared the cache. */
    MANUAL,
    /** Its stored bytes could not be read back; the lookup counted as a miss. */
    DAMAGED
}
