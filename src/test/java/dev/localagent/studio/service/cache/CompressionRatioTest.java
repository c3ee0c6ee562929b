package dev.localagent.studio.service.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.service.config.CacheLimits;
import dev.localagent.studio.testsupport.ReplyCorpus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The expectation of at least 2.5x on LLM-style replies, held as a test at the default settings. */
class CompressionRatioTest {

    @Test
    void compressesLlmStyleRepliesAtLeastTwoAndAHalfTimes() {
        ResponseCache cache = new ResponseCache(CacheLimits.DEFAULT, java.time.Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC));
        List<String> corpus = ReplyCorpus.replies(11, 200, 4_000);
        for (int i = 0; i < corpus.size(); i++) {
            cache.put(new CacheKey("r" + i), "p", CacheFixtures.reply(corpus.get(i)), CacheFixtures.keepFor(Duration.ofHours(1)));
        }

        CacheStats stats = cache.stats();

        System.out.printf("compression: %d replies, %d raw bytes, %d stored, ratio %.2f%n", stats.entries(), stats.rawBytes(),
                stats.storedBytes(), stats.compressionRatio());
        assertThat(stats.compressedEntries()).isEqualTo(200);
        assertThat(stats.compressionRatio()).isGreaterThanOrEqualTo(2.5);
    }
}
