package dev.localagent.studio.service.cache;

import static dev.localagent.studio.service.cache.CacheFixtures.AGGRESSIVE_HOUR;
import static dev.localagent.studio.service.cache.CacheFixtures.call;
import static dev.localagent.studio.service.cache.CacheFixtures.keepFor;
import static dev.localagent.studio.service.cache.CacheFixtures.prose;
import static dev.localagent.studio.service.cache.CacheFixtures.reply;
import static dev.localagent.studio.service.cache.CacheFixtures.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.model.CacheStrategy;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.ProviderKind;
import dev.localagent.studio.service.config.CacheLimits;
import dev.localagent.studio.service.config.CacheSettings;
import dev.localagent.studio.testsupport.FakeClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseCacheTest {

    private final FakeClock clock = FakeClock.at("2026-11-29T10:00:00Z");

    private ResponseCache cache(int maxEntries, long maxBytes) {
        return new ResponseCache(new CacheLimits(maxEntries, maxBytes, 1024, 6), AGGRESSIVE_HOUR, clock);
    }

    private static CacheKey key(String name) {
        return call(name).key();
    }

    @Test
    void evictsLeastRecentlyUsedWhenEntryBoundIsExceeded() {
        ResponseCache cache = cache(3, 1 << 20);
        for (String k : List.of("a", "b", "c")) {
            cache.put(key(k), "p", reply("reply " + k), keepFor(Duration.ofHours(1)));
        }
        cache.get(key("a")); // a is now the most recently used; b is the eldest

        cache.put(key("d"), "p", reply("reply d"), keepFor(Duration.ofHours(1)));

        assertThat(cache.get(key("b"))).isEmpty();
        assertThat(cache.get(key("a"))).isPresent();
        assertThat(cache.get(key("c"))).isPresent();
        assertThat(cache.get(key("d"))).isPresent();
        assertThat(cache.stats().evictions(EvictionCause.SIZE)).isEqualTo(1);
    }

    @Test
    void evictsLeastRecentlyUsedWhenByteBoundIsExceeded() {
        int oneEntry = ReplyCodec.serialise(reply("x".repeat(200))).length; // below the 1024 threshold: stored raw
        ResponseCache cache = cache(100, 3L * oneEntry);
        for (String k : List.of("a", "b", "c")) {
            cache.put(key(k), "p", reply("x".repeat(200)), keepFor(Duration.ofHours(1)));
        }
        assertThat(cache.stats().storedBytes()).isEqualTo(3L * oneEntry);
        cache.get(key("a"));

        cache.put(key("d"), "p", reply("x".repeat(200)), keepFor(Duration.ofHours(1)));

        assertThat(cache.entries()).extracting(CacheEntryView::key).containsExactly(key("d"), key("a"), key("c"));
        CacheStats stats = cache.stats();
        assertThat(stats.storedBytes()).isEqualTo(3L * oneEntry);
        assertThat(stats.evictions(EvictionCause.SIZE)).isEqualTo(1);
    }

    @Test
    void refusesAReplyLargerThanTheWholeByteBoundWithoutEvictingOthers() {
        ResponseCache cache = cache(100, 600);
        cache.put(key("small"), "p", reply("short"), keepFor(Duration.ofHours(1)));

        boolean kept = cache.put(key("huge"), "p", reply(randomLetters(3_000)), keepFor(Duration.ofHours(1)));

        assertThat(kept).isFalse();
        assertThat(cache.get(key("small"))).isPresent();
        assertThat(cache.stats().rejectedTooLarge()).isEqualTo(1);
        assertThat(cache.stats().evictions(EvictionCause.SIZE)).isZero();
    }

    @Test
    void servesAnEntryUntilItsTtlEndsAndNotAfter() {
        ResponseCache cache = cache(10, 1 << 20);
        cache.put(key("a"), "p", reply("hello"), keepFor(Duration.ofSeconds(60)));

        clock.advance(Duration.ofSeconds(59));
        assertThat(cache.get(key("a"))).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.get(key("a"))).isEmpty();

        CacheStats stats = cache.stats();
        assertThat(stats.evictions(EvictionCause.EXPIRED)).isEqualTo(1);
        assertThat(stats.entries()).isZero();
        assertThat(stats.storedBytes()).isZero();
    }

    @Test
    void statisticsDropExpiredEntriesWithoutALookup() {
        ResponseCache cache = cache(10, 1 << 20);
        cache.put(key("short"), "p", reply("a"), keepFor(Duration.ofSeconds(10)));
        cache.put(key("long"), "p", reply("b"), keepFor(Duration.ofSeconds(100)));

        clock.advance(Duration.ofSeconds(30));

        assertThat(cache.entries()).extracting(CacheEntryView::key).containsExactly(key("long"));
        assertThat(cache.stats().evictions(EvictionCause.EXPIRED)).isEqualTo(1);
    }

    @Test
    void anExpiredEntryPushedOutByTheBoundCountsAsExpiredNotSize() {
        ResponseCache cache = cache(1, 1 << 20);
        cache.put(key("a"), "p", reply("a"), keepFor(Duration.ofSeconds(10)));
        clock.advance(Duration.ofSeconds(11));

        cache.put(key("b"), "p", reply("b"), keepFor(Duration.ofSeconds(10)));

        assertThat(cache.stats().evictions(EvictionCause.EXPIRED)).isEqualTo(1);
        assertThat(cache.stats().evictions(EvictionCause.SIZE)).isZero();
    }

    @Test
    void replacingAnEntryKeepsOneCopyAndIsNoEviction() {
        ResponseCache cache = cache(10, 1 << 20);
        cache.put(key("a"), "p", reply("first"), keepFor(Duration.ofHours(1)));
        cache.put(key("a"), "p", reply("second"), keepFor(Duration.ofHours(1)));

        assertThat(cache.get(key("a"))).get().extracting(h -> h.reply().text()).isEqualTo("second");
        CacheStats stats = cache.stats();
        assertThat(stats.entries()).isEqualTo(1);
        assertThat(stats.storedBytes()).isEqualTo(ReplyCodec.serialise(reply("second")).length);
        assertThat(stats.evictions().values()).allMatch(n -> n == 0);
    }

    @Test
    void evictingOneAndClearingAreCountedAsManual() {
        ResponseCache cache = cache(10, 1 << 20);
        for (String k : List.of("a", "b", "c")) {
            cache.put(key(k), "p", reply(k), keepFor(Duration.ofHours(1)));
        }

        assertThat(cache.evict(key("b"))).isTrue();
        assertThat(cache.evict(key("b"))).isFalse();
        assertThat(cache.clear()).isEqualTo(2);

        CacheStats stats = cache.stats();
        assertThat(stats.evictions(EvictionCause.MANUAL)).isEqualTo(3);
        assertThat(stats.entries()).isZero();
        assertThat(stats.rawBytes()).isZero();
        assertThat(stats.storedBytes()).isZero();
    }

    @Test
    void countsHitsMissesAndWhatTheHitsSaved() {
        ResponseCache cache = cache(10, 1 << 20);
        cache.put(key("a"), "p", reply("hello"), keepFor(Duration.ofHours(1)));

        cache.get(key("a"));
        cache.get(key("a"));
        cache.get(key("missing"));

        CacheStats stats = cache.stats();
        assertThat(stats.hits()).isEqualTo(2);
        assertThat(stats.misses()).isEqualTo(1);
        assertThat(stats.hitRate()).isEqualTo(2.0 / 3);
        assertThat(stats.tokensSaved()).isEqualTo(2 * 42); // 12 prompt + 30 completion, twice
        assertThat(stats.latencySavedNanos()).isEqualTo(2 * 250_000_000L);
        assertThat(stats.costSavedUsd()).isEqualByComparingTo(new BigDecimal("0.0000396"));
        assertThat(cache.entries()).singleElement().extracting(CacheEntryView::hits).isEqualTo(2L);
    }

    @Test
    void compressesEntriesAboveTheThresholdAndReportsTheRatio() {
        ResponseCache cache = cache(10, 1 << 20);
        cache.put(key("small"), "p", reply("short reply"), keepFor(Duration.ofHours(1)));
        cache.put(key("big"), "p", reply(prose(8_000)), keepFor(Duration.ofHours(1)));

        CacheStats stats = cache.stats();
        assertThat(stats.compressedEntries()).isEqualTo(1);
        assertThat(stats.compressionRatio()).isGreaterThan(5.0); // the phrase repeats ~115 times
        assertThat(stats.bytesSaved()).isEqualTo(stats.rawBytes() - stats.storedBytes()).isGreaterThan(7_000);
        assertThat(cache.get(key("big"))).get().extracting(h -> h.reply().text()).isEqualTo(prose(8_000));
    }

    @Test
    void storeAsksTheProvidersStrategyAndKeepsTheReason() {
        ResponseCache cache = cache(10, 1 << 20);
        cache.configure("sim-openai", new CacheSettings(CacheStrategy.SELECTIVE, 3_600));

        CacheDecision news = cache.store(call("What is the latest news?"), result("..."), null);
        CacheDecision plain = cache.store(call("Explain recursion."), result("Recursion is..."), null);

        assertThat(news.keep()).isFalse();
        assertThat(plain.keep()).isTrue();
        assertThat(cache.entries()).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(plain.reason()).contains("selective");
            assertThat(e.expiresAt()).isEqualTo(clock.instant().plus(CachePolicy.SHORT_TTL));
        });
    }

    @Test
    void aStrategyChangedAtRunTimeAppliesToTheNextLookupAndStore() {
        ResponseCache cache = cache(10, 1 << 20);
        cache.configure("sim-openai", AGGRESSIVE_HOUR);
        CacheRequest call = call("Explain recursion.");
        cache.store(call, result("Recursion is..."), null);
        assertThat(cache.lookup(call)).isPresent();

        cache.configure("sim-openai", new CacheSettings(CacheStrategy.DISABLED, 3_600));

        assertThat(cache.lookup(call)).isEmpty();
        assertThat(cache.store(call("Another"), result("x"), null).keep()).isFalse();
        assertThat(cache.stats().misses()).as("a disabled cache is not asked, so it cannot miss").isZero();
    }

    @Test
    void shrinkingTheLimitsAtRunTimeEvictsDownToThem() {
        ResponseCache cache = cache(10, 1 << 20);
        for (int i = 0; i < 10; i++) {
            cache.put(key("k" + i), "p", reply("r" + i), keepFor(Duration.ofHours(1)));
        }

        cache.limits(new CacheLimits(4, 1 << 20, 1024, 6));

        assertThat(cache.entries()).extracting(CacheEntryView::key)
                .containsExactly(key("k9"), key("k8"), key("k7"), key("k6"));
        assertThat(cache.stats().evictions(EvictionCause.SIZE)).isEqualTo(6);
    }

    @Test
    void keepsStatisticsPerProviderAsWellAsOverall() {
        ResponseCache cache = cache(2, 1 << 20);
        CacheRequest openai = call(ProviderKind.OPENAI, ChatRequest.builder("m").user("q").build());
        CacheRequest ollama = call(ProviderKind.OLLAMA, ChatRequest.builder("m").user("q").build());
        cache.put(openai.key(), openai.providerId(), reply("from openai"), keepFor(Duration.ofHours(1)));
        cache.put(ollama.key(), ollama.providerId(), reply(prose(3_000)), keepFor(Duration.ofHours(1)));

        cache.lookup(openai);
        cache.lookup(openai);
        cache.lookup(call(ProviderKind.OLLAMA, ChatRequest.builder("m").user("other").build()));
        cache.put(key("third"), "sim-openai", reply("pushes out the eldest"), keepFor(Duration.ofHours(1)));

        CacheStats openaiStats = cache.stats("sim-openai");
        CacheStats ollamaStats = cache.stats("sim-ollama");
        assertThat(openaiStats.hits()).isEqualTo(2);
        assertThat(openaiStats.misses()).isZero();
        assertThat(openaiStats.entries()).isEqualTo(2);
        assertThat(ollamaStats.misses()).isEqualTo(1);
        assertThat(ollamaStats.entries()).isZero();
        assertThat(ollamaStats.evictions(EvictionCause.SIZE)).as("ollama's entry was the least recently used").isEqualTo(1);
        assertThat(openaiStats.storedBytes() + ollamaStats.storedBytes()).isEqualTo(cache.stats().storedBytes());
        assertThat(cache.stats().hits()).isEqualTo(2);
    }

    @Test
    void theEntryListShowsSizesAndReasonsButNeverTheTextOrTheKey() {
        ResponseCache cache = cache(10, 1 << 20);
        cache.put(key("a"), "sim-openai", reply("secret-looking text"), keepFor(Duration.ofMinutes(5)));

        CacheEntryView view = cache.entries().getFirst();

        assertThat(view.providerId()).isEqualTo("sim-openai");
        assertThat(view.model()).isEqualTo("gpt-4o-mini");
        assertThat(view.storedAt()).isEqualTo(clock.instant());
        assertThat(view.expiresAt()).isEqualTo(clock.instant().plusSeconds(300));
        assertThat(view.rawBytes()).isEqualTo(view.storedBytes());
        assertThat(view.toString()).doesNotContain("secret-looking text").doesNotContain("sk-test-1");
    }

    /** Seeded noise: about 4.7 bits a letter even after compression, so 3000 letters never fit in 600 bytes. */
    private static String randomLetters(int n) {
        java.util.Random random = new java.util.Random(42);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) ('a' + random.nextInt(26)));
        }
        return b.toString();
    }
}
