package dev.localagent.studio.bench;

import dev.localagent.studio.model.ChatResult;
import dev.localagent.studio.model.ClientTimings;
import dev.localagent.studio.model.FinishReason;
import dev.localagent.studio.model.ServerTimings;
import dev.localagent.studio.model.Usage;
import dev.localagent.studio.service.cache.CacheDecision;
import dev.localagent.studio.service.cache.CacheHit;
import dev.localagent.studio.service.cache.CacheKey;
import dev.localagent.studio.service.cache.CachedReply;
import dev.localagent.studio.service.cache.ResponseCache;
import dev.localagent.studio.service.config.CacheLimits;
import dev.localagent.studio.testsupport.ReplyCorpus;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cache's hit path and its throughput under two threads. Entries are LLM-style replies of
 * about 4 KB, stored compressed (the default threshold is 1 KB), so every hit inflates.
 *
 * <pre>./mvnw test-compile exec:exec -Djmh.args="ResponseCacheBenchmark -f 1 -wi 3 -i 5"</pre>
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ResponseCacheBenchmark {

    private static final int KEYS = 1_000;

    private ResponseCache cache;
    /** The same entries stored raw: the baseline that shows what compression adds to a hit. */
    private ResponseCache rawCache;
    private CacheKey[] keys;
    private CachedReply[] replies;
    private final CacheDecision keep = CacheDecision.keep(Duration.ofDays(1), "benchmark");

    @Setup
    public void fill() {
        cache = new ResponseCache(CacheLimits.DEFAULT, Clock.systemUTC());
        CacheLimits neverCompress = new CacheLimits(CacheLimits.DEFAULT.maxEntries(), CacheLimits.DEFAULT.maxBytes(), Integer.MAX_VALUE, 6);
        rawCache = new ResponseCache(neverCompress, Clock.systemUTC());
        List<String> texts = ReplyCorpus.replies(11, KEYS, 4_000);
        keys = new CacheKey[KEYS];
        replies = new CachedReply[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = new CacheKey(String.format("%064x", i));
            replies[i] = CachedReply.of(new ChatResult(texts.get(i), FinishReason.STOP, new Usage(120, 900, null, null, false), "gpt-4o-mini",
                    ServerTimings.NONE, ClientTimings.NONE, List.of(), null), new BigDecimal("0.000558"));
            cache.put(keys[i], "sim-openai", replies[i], keep);
            rawCache.put(keys[i], "sim-openai", replies[i], keep);
        }
        if (cache.stats().compressedEntries() != KEYS) {
            throw new IllegalStateException("every benchmark entry must be stored compressed");
        }
    }

    /** One hit on a ~4 KB compressed entry: lookup, LRU touch, inflate, decode. Read p50 from the sample-time percentiles. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Optional<CacheHit> hitOn4KbCompressedEntry() {
        return cache.get(keys[ThreadLocalRandom.current().nextInt(KEYS)]);
    }

    /** Baseline: the same hit on the entry stored raw. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Optional<CacheHit> hitOn4KbRawEntry() {
        return rawCache.get(keys[ThreadLocalRandom.current().nextInt(KEYS)]);
    }

    /** Two threads, nine hits to one write (replacing an entry, so it compresses again). */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(2)
    public Object mixedReadWriteTwoThreads() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int i = random.nextInt(KEYS);
        if (random.nextInt(10) == 0) {
            return cache.put(keys[i], "sim-openai", replies[i], keep);
        }
        return cache.get(keys[i]);
    }

    /** Two threads, hits only. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(2)
    public Optional<CacheHit> hitsTwoThreads() {
        return cache.get(keys[ThreadLocalRandom.current().nextInt(KEYS)]);
    }
}
