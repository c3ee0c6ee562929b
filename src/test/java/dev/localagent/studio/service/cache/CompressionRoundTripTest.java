package dev.localagent.studio.service.cache;

import static dev.localagent.studio.service.cache.CacheFixtures.keepFor;
import static dev.localagent.studio.service.cache.CacheFixtures.prose;
import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.model.FinishReason;
import dev.localagent.studio.model.Usage;
import dev.localagent.studio.service.config.CacheLimits;
import dev.localagent.studio.testsupport.FakeClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompressionRoundTripTest {

    private static final int THRESHOLD = 1024;

    private static CachedReply replyOfText(String text) {
        return new CachedReply(text, FinishReason.LENGTH, new Usage(7, null, 3, 2, true), "llama3.2", List.of("https://a.example/x"),
                0.005411, 123_456_789L, new BigDecimal("0.000123"));
    }

    /** The exact raw size of a reply decides compression; build texts that land on each size. */
    @ParameterizedTest(name = "raw size threshold {0}")
    @ValueSource(ints = {-2, -1, 0, 1, 2, 1000})
    void roundTripsAtEverySizeAroundTheThreshold(int offset) {
        int overhead = ReplyCodec.serialise(replyOfText("")).length;
        String text = prose(THRESHOLD + offset - overhead);
        CachedReply original = replyOfText(text);
        assertThat(ReplyCodec.serialise(original)).hasSize(THRESHOLD + offset);
        ResponseCache cache = new ResponseCache(new CacheLimits(10, 1 << 20, THRESHOLD, 6), FakeClock.at("2026-11-29T10:00:00Z"));
        CacheKey key = new CacheKey("k" + offset);

        cache.put(key, "p", original, keepFor(Duration.ofHours(1)));

        CacheEntryView entry = cache.entries().getFirst();
        assertThat(entry.rawBytes()).isEqualTo(THRESHOLD + offset);
        assertThat(entry.compressed()).isEqualTo(offset > 0);
        if (entry.compressed()) {
            assertThat(entry.storedBytes()).isLessThan(entry.rawBytes());
        } else {
            assertThat(entry.storedBytes()).isEqualTo(entry.rawBytes());
        }
        assertThat(cache.get(key)).get().extracting(CacheHit::reply).isEqualTo(original);
    }

    /** Seeded texts of many lengths and scripts, at every level: the same bytes always come back. */
    @ParameterizedTest(name = "level {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9})
    void anyReplyComesBackUnchangedAtAnyCompressionLevel(int level) {
        Random random = new Random(level);
        for (int round = 0; round < 40; round++) {
            CachedReply original = replyOfText(randomText(random, random.nextInt(5_000)));

            ReplyCodec.Encoded stored = ReplyCodec.encode(original, 16, level);

            assertThat(ReplyCodec.decode(stored.bytes(), stored.compressed(), stored.rawLength())).isEqualTo(original);
            // Short or random texts can grow under compression; those must be kept raw rather than stored bigger.
            assertThat(stored.bytes().length).isLessThanOrEqualTo(stored.rawLength());
            assertThat(stored.compressed()).isEqualTo(stored.bytes().length < stored.rawLength());
        }
    }

    /** Letters, spaces, CJK and emoji mixed, so multi-byte UTF-8 and surrogate pairs are covered. */
    private static String randomText(Random random, int codePoints) {
        int[] alphabet = {'a', 'e', 't', ' ', ' ', '.', '\n', 0x4E2D, 0x6587, 0x00E9, 0x1F600, 0x1F44D};
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < codePoints; i++) {
            b.appendCodePoint(random.nextInt(4) == 0 ? alphabet[random.nextInt(alphabet.length)] : 'a' + random.nextInt(26));
        }
        return b.toString();
    }
}
