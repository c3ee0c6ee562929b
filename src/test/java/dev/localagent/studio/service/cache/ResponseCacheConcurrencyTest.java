package dev.localagent.studio.service.cache;

import static dev.localagent.studio.service.cache.CacheFixtures.keepFor;
import static dev.localagent.studio.service.cache.CacheFixtures.prose;
import static dev.localagent.studio.service.cache.CacheFixtures.reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.service.config.CacheLimits;
import dev.localagent.studio.testsupport.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ResponseCacheConcurrencyTest {

    private static final int WRITERS = 4;
    private static final int READERS = 4;
    private static final int PER_WRITER = 500;

    @Test
    void concurrentReadersAndWritersLoseNothing() throws Exception {
        ResponseCache cache = new ResponseCache(new CacheLimits(100_000, 1L << 30, 256, 1), FakeClock.at("2026-11-29T10:00:00Z"));
        CountDownLatch start = new CountDownLatch(1);
        AtomicLong lookups = new AtomicLong();
        AtomicLong wrongReplies = new AtomicLong();
        List<Future<?>> tasks = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS)) {
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                tasks.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < PER_WRITER; i++) {
                        // Half the replies are big enough to be compressed.
                        String text = "w" + writer + "-" + i + " " + (i % 2 == 0 ? prose(400) : "short");
                        cache.put(new CacheKey("w" + writer + "-" + i), "p", reply(text), keepFor(Duration.ofHours(1)));
                    }
                    return null;
                }));
            }
            for (int r = 0; r < READERS; r++) {
                int reader = r;
                tasks.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < PER_WRITER * 2; i++) {
                        String name = "w" + (i + reader) % WRITERS + "-" + i % PER_WRITER;
                        lookups.incrementAndGet();
                        cache.get(new CacheKey(name)).ifPresent(hit -> {
                            if (!hit.reply().text().startsWith(name + " ")) {
                                wrongReplies.incrementAndGet();
                            }
                        });
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> t : tasks) {
                t.get();
            }
        }

        CacheStats stats = cache.stats();
        assertThat(wrongReplies).hasValue(0);
        assertThat(stats.entries()).isEqualTo(WRITERS * PER_WRITER);
        assertThat(stats.hits() + stats.misses()).isEqualTo(lookups.get());
        assertThat(stats.compressedEntries()).isEqualTo(WRITERS * PER_WRITER / 2);
        List<CacheEntryView> entries = cache.entries();
        assertThat(entries.stream().mapToLong(CacheEntryView::storedBytes).sum()).isEqualTo(stats.storedBytes());
        assertThat(entries.stream().mapToLong(CacheEntryView::rawBytes).sum()).isEqualTo(stats.rawBytes());
        for (int w = 0; w < WRITERS; w++) {
            for (int i = 0; i < PER_WRITER; i++) {
                String name = "w" + w + "-" + i;
                assertThat(cache.get(new CacheKey(name))).as(name).get().extracting(h -> h.reply().text()).asString().startsWith(name + " ");
            }
        }
    }

    @Test
    void concurrentWritersNeverLeaveTheCacheAboveItsBounds() throws Exception {
        ResponseCache cache = new ResponseCache(new CacheLimits(50, 40_000, 256, 1), FakeClock.at("2026-11-29T10:00:00Z"));
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> tasks = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                tasks.add(pool.submit(() -> {
                    for (int i = 0; i < 1_000; i++) {
                        cache.put(new CacheKey(writer + "-" + i), "p", reply(writer + "-" + i + prose(i % 900)), keepFor(Duration.ofHours(1)));
                        CacheStats s = cache.stats();
                        if (s.entries() > 50 || s.storedBytes() > 40_000) {
                            throw new AssertionError("bounds broken: " + s);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> t : tasks) {
                t.get();
            }
        }
        CacheStats stats = cache.stats();
        assertThat(stats.entries()).isLessThanOrEqualTo(50);
        assertThat(stats.evictions(EvictionCause.SIZE)).isEqualTo(4_000 - stats.entries());
    }
}
