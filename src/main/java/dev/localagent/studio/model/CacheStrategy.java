package dev.localagent.studio.model;

/** How eagerly the response cache keeps replies; chosen per provider and changeable at run time. */
public enum CacheStrategy {
    /** Every successful reply, long TTL. */
    AGGRESSIVE,
    /** Only deterministic requests (temperature 0 or a fixed seed), short TTL. */
    CONSERVATIVE,
    /** Decides from the content: time-sensitive prompts and web-search answers are not kept. */
    SELECTIVE,
    /** Nothing is cached. */
    DISABLED
}
