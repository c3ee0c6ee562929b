package dev.localagent.studio.service.cache;

import static dev.localagent.studio.service.cache.CacheFixtures.keepFor;
import static dev.localagent.studio.service.cache.CacheFixtures.prose;
import static dev.localagent.studio.service.cache.CacheFixtures.reply;
import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.model.ChatResult;
import dev.localagent.studio.service.config.CacheLimits;
import dev.localagent.studio.testsupport.FakeClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamReplayTest {

    /** Records the events in order, as the pipeline's adapter will see them. */
    private static final class RecordingSink implements ReplaySink {
        final List<String> events = new ArrayList<>();
        final List<String> deltas = new ArrayList<>();
        CacheSavings saved;
        ChatResult result;

        @Override
        public void onCacheHit(CacheSavings s) {
            events.add("hit");
            saved = s;
        }

        @Override
        public void onDelta(String text) {
            events.add("delta");
            deltas.add(text);
        }

        @Override
        public void onComplete(ChatResult r) {
            events.add("complete");
            result = r;
        }
    }

    @Test
    void aCachedReplyReplaysAsAStreamMarkedAsAHitWithWhatItSaved() {
        ResponseCache cache = new ResponseCache(CacheLimits.DEFAULT, FakeClock.at("2026-11-29T10:00:00Z"));
        String text = prose(3_000); // above the threshold: the replay reads through decompression
        cache.put(new CacheKey("k"), "sim-openai", reply(text), keepFor(Duration.ofHours(1)));
        RecordingSink sink = new RecordingSink();

        new StreamReplay().replay(cache.get(new CacheKey("k")).orElseThrow(), sink);

        assertThat(sink.events.getFirst()).isEqualTo("hit");
        assertThat(sink.events.getLast()).isEqualTo("complete");
        assertThat(sink.events).filteredOn("delta"::equals).hasSizeGreaterThan(100);
        assertThat(String.join("", sink.deltas)).isEqualTo(text);
        assertThat(sink.saved).isEqualTo(new CacheSavings(250_000_000L, 42, new BigDecimal("0.0000198")));
        assertThat(sink.result.text()).isEqualTo(text);
        assertThat(sink.result.usage().totalTokens()).isEqualTo(42);
    }

    @Test
    void deltasEndAfterWhitespaceAndStayBoundedWithoutAny() {
        StreamReplay replay = new StreamReplay(8);

        assertThat(replay.deltas("one two three four five six")).containsExactly("one two ", "three four ", "five six");
        assertThat(replay.deltas("x".repeat(70))).hasSize(3).allMatch(d -> d.length() <= 32);
        assertThat(replay.deltas("")).isEmpty();
    }

    @Test
    void neverSplitsACharacterOutsideTheBasicPlane() {
        String emoji = "\uD83D\uDE00".repeat(40); // 40 grinning faces, 80 UTF-16 units, no whitespace

        List<String> deltas = new StreamReplay(3).deltas(emoji);

        assertThat(String.join("", deltas)).isEqualTo(emoji);
        assertThat(deltas).allMatch(d -> !Character.isLowSurrogate(d.charAt(0)) && !Character.isHighSurrogate(d.charAt(d.length() - 1)));
    }
}
