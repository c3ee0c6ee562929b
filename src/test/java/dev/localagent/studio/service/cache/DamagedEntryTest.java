package dev.localagent.studio.service.cache;

import static dev.localagent.studio.service.cache.CacheFixtures.keepFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localagent.studio.model.FinishReason;
import dev.localagent.studio.model.Usage;
import dev.localagent.studio.service.config.CacheLimits;
import dev.localagent.studio.testsupport.FakeClock;
import dev.localagent.studio.testsupport.ReplyCorpus;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Stored bytes that cannot be read back give one clear error in the codec, and a miss plus an eviction in the cache. */
class DamagedEntryTest {

    private static final CachedReply REPLY = new CachedReply(ReplyCorpus.replies(5, 1, 4_000).getFirst(), FinishReason.STOP,
            new Usage(120, 900, 64, null, false), "gpt-4o-mini", List.of("https://a.example/x"), 0.0021, 812_000_000L,
            new BigDecimal("0.000558"));

    private static ReplyCodec.Encoded compressed() {
        ReplyCodec.Encoded encoded = ReplyCodec.encode(REPLY, 1024, 6);
        assertThat(encoded.compressed()).isTrue();
        return encoded;
    }

    @Test
    void aCompressedEntryCutShortAtAnyLengthIsReportedAsDamaged() {
        ReplyCodec.Encoded whole = compressed();
        for (int length = 0; length < whole.bytes().length; length++) {
            byte[] cut = Arrays.copyOf(whole.bytes(), length);
            assertThatThrownBy(() -> ReplyCodec.decode(cut, true, whole.rawLength()))
                    .as("cut to %d of %d bytes", length, whole.bytes().length)
                    .isInstanceOf(DamagedCacheEntryException.class)
                    .hasMessageContaining("cache entry");
        }
    }

    @Test
    void aRawEntryCutShortAtAnyLengthIsReportedAsDamaged() {
        byte[] whole = ReplyCodec.serialise(REPLY);
        for (int length = 0; length < whole.length; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            assertThatThrownBy(() -> ReplyCodec.decode(cut, false, cut.length)).as("cut to %d bytes", length)
                    .isInstanceOf(DamagedCacheEntryException.class);
        }
    }

    /**
     * Without a checksum (see ZstdCodec) a flipped bit inside the text may decode into other text;
     * what must never happen is any failure other than the one clear error, or a reply whose
     * structure is broken. Flips in the frame's header, block headers, sizes and tables are caught.
     */
    @Test
    void aFlippedBitInACompressedEntryGivesTheDamagedErrorOrAWholeReplyNothingElse() {
        ReplyCodec.Encoded whole = compressed();
        Random random = new Random(42);
        int caught = 0;
        for (int round = 0; round < 2_000; round++) {
            byte[] damaged = whole.bytes().clone();
            damaged[random.nextInt(damaged.length)] ^= (byte) (1 << random.nextInt(8));
            try {
                CachedReply decoded = ReplyCodec.decode(damaged, true, whole.rawLength());
                assertThat(decoded.text()).isNotNull();
                assertThat(decoded.finishReason()).isNotNull();
            } catch (DamagedCacheEntryException expected) {
                caught++;
            }
        }
        System.out.printf("flipped bits reported as damage: %d of 2000%n", caught);
        assertThat(caught).as("flips reported as damage").isGreaterThan(200);
    }

    @Test
    void randomBytesAreReportedAsDamagedInEitherForm() {
        Random random = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            byte[] noise = new byte[random.nextInt(64)];
            random.nextBytes(noise);
            if (round % 3 == 0 && noise.length > 0) {
                noise[0] = 1; // a plausible format byte, so the fields behind it get parsed
            }
            boolean compressed = random.nextBoolean();
            if (compressed && noise.length > 0 && round % 2 == 0) {
                noise[0] = ReplyCodec.ZSTD_FRAME;
            }
            try {
                ReplyCodec.decode(noise, compressed, 4_096);
            } catch (DamagedCacheEntryException expected) {
                continue;
            }
            throw new AssertionError("noise of " + noise.length + " bytes decoded as a reply");
        }
    }

    @Test
    void aDamagedEntryIsAMissAndLeavesTheCache() {
        ResponseCache cache = new ResponseCache(CacheLimits.DEFAULT, FakeClock.at("2026-11-29T10:00:00Z"));
        CacheKey key = new CacheKey("damaged");
        ReplyCodec.Encoded whole = compressed();
        byte[] truncated = Arrays.copyOf(whole.bytes(), whole.bytes().length / 2);
        cache.putEncoded(key, "sim-openai", REPLY.model(), new ReplyCodec.Encoded(truncated, true, whole.rawLength()),
                keepFor(Duration.ofHours(1)));
        assertThat(cache.stats().entries()).isEqualTo(1);

        assertThat(cache.get(key)).isEmpty();

        CacheStats stats = cache.stats();
        assertThat(stats.misses()).isEqualTo(1);
        assertThat(stats.hits()).isZero();
        assertThat(stats.evictions(EvictionCause.DAMAGED)).isEqualTo(1);
        assertThat(stats.entries()).isZero();
        assertThat(stats.storedBytes()).isZero();
        assertThat(cache.stats("sim-openai").evictions(EvictionCause.DAMAGED)).isEqualTo(1);

        cache.put(key, "sim-openai", REPLY, keepFor(Duration.ofHours(1)));
        assertThat(cache.get(key)).get().extracting(CacheHit::reply).isEqualTo(REPLY);
    }
}
