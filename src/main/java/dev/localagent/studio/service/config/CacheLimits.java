package dev.localagent.studio.service.config;

/**
 * Bounds of the in-memory response cache, shared by all providers.
 *
 * @param maxEntries most replies kept at once
 * @param maxBytes most stored (possibly compressed) bytes kept at once
 * @param compressAboveBytes replies larger than this are stored zstd-compressed
 * @param compressionLevel zstd level, 1 (fast) to 9 (small); 6 gives about 2.9x on LLM-style replies
 */
public record CacheLimits(int maxEntries, long maxBytes, int compressAboveBytes, int compressionLevel) {

    public static final CacheLimits DEFAULT = new CacheLimits(10_000, 64L * 1024 * 1024, 1024, 6);
}
