package dev.localagent.studio.service.cache;

import static dev.localagent.studio.service.cache.CacheFixtures.keepFor;
import static dev.localagent.studio.service.cache.CacheFixtures.prose;
import static dev.localagent.studio.service.cache.CacheFixtures.reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.service.config.CacheLimits;
import dev.localagent.studio.testsupport.FakeClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CacheMetersTest {

    @Test
    void theMetersReadWhatTheStatisticsSay() {
        FakeClock clock = FakeClock.at("2026-11-29T10:00:00Z");
        ResponseCache cache = new ResponseCache(CacheLimits.DEFAULT, clock);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CacheMeters.bind(registry, cache);
        CacheMeters.bindProvider(registry, cache, "p");
        cache.put(new CacheKey("a"), "p", reply(prose(5_000)), keepFor(Duration.ofSeconds(10)));
        cache.put(new CacheKey("b"), "p", reply("short"), keepFor(Duration.ofHours(1)));
        cache.get(new CacheKey("a"));
        cache.get(new CacheKey("nope"));
        clock.advance(Duration.ofSeconds(11));
        cache.evict(new CacheKey("b"));

        CacheStats stats = cache.stats();
        assertThat(registry.get("studio.cache.requests").tag("result", "hit").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("studio.cache.requests").tag("result", "miss").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("studio.cache.evictions").tag("cause", "expired").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("studio.cache.evictions").tag("cause", "manual").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("studio.cache.entries").gauge().value()).isZero();
        assertThat(registry.get("studio.cache.saved.tokens").functionCounter().count()).isEqualTo(stats.tokensSaved()).isEqualTo(42);
        assertThat(registry.get("studio.cache.saved.usd").functionCounter().count()).isEqualTo(0.0000198);
        assertThat(registry.get("studio.cache.provider.requests").tags("provider", "p", "result", "hit").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("studio.cache.provider.evictions").tags("provider", "p", "cause", "manual").functionCounter().count())
                .isEqualTo(1);
    }
}
