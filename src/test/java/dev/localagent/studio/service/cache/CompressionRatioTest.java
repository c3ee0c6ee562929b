package dev.localagent.studio.service.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.service.config.CacheLimits;
import dev.localagent.studio.testsupport.ReplyCorpus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The expectation of at least 2.5x on LLM-style replies, held as a test at the default
 * settings and at every level the settings allow. zstd gave 2.94x at level 6 and 2.81x at level 1
 * on this corpus when it replaced zlib (2.95x at level 6); see docs/PERFORMANCE.md.
 */
class CompressionRatioTest {

    private static CacheStats fill(CacheLimits limits) {
        ResponseCache cache = new ResponseCache(limits, java.time.Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC));
        List<String> corpus = ReplyCorpus.replies(11, 200, 4_000);
        for (int i = 0; i < corpus.size(); i++) {
            cache.put(new CacheKey("r" + i), "p", CacheFixtures.reply(corpus.get(i)), CacheFixtures.keepFor(Duration.ofHours(1)));
        }
        return cache.stats();
    }

    @Test
    void compressesLlmStyleRepliesAtLeastTwoAndAHalfTimes() {
        CacheStats stats = fill(CacheLimits.DEFAULT);

        System.out.printf("compression (zstd level %d): %d replies, %d raw bytes, %d stored, ratio %.2f%n",
                CacheLimits.DEFAULT.compressionLevel(), stats.entries(), stats.rawBytes(), stats.storedBytes(), stats.compressionRatio());
        assertThat(stats.compressedEntries()).isEqualTo(200);
        assertThat(stats.compressionRatio()).isGreaterThanOrEqualTo(2.5);
    }

    @ParameterizedTest(name = "level {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9})
    void everyLevelTheSettingsAllowKeepsTwoAndAHalfTimes(int level) {
        CacheLimits d = CacheLimits.DEFAULT;

        CacheStats stats = fill(new CacheLimits(d.maxEntries(), d.maxBytes(), d.compressAboveBytes(), level));

        assertThat(stats.compressedEntries()).isEqualTo(200);
        assertThat(stats.compressionRatio()).isGreaterThanOrEqualTo(2.5);
    }
}
