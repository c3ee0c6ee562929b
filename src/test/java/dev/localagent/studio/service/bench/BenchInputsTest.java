package dev.localagent.studio.service.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localagent.studio.model.ChatRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user types: objectives, durations, prompt files and settings, each refused in one line when wrong. */
class BenchInputsTest {

    @TempDir
    Path dir;

    @Test
    void objectivesReadTheCommandLineForm() {
        Objectives o = Objectives.parse("ttft=500ms, e2e=5s,tpot=40ms");
        assertThat(o.ttft()).isEqualTo(Duration.ofMillis(500));
        assertThat(o.e2e()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.tpot()).isEqualTo(Duration.ofMillis(40));
        assertThat(o.text()).isEqualTo("ttft=500ms,tpot=40ms,e2e=5000ms");
        assertThat(Objectives.parse(o.text())).isEqualTo(o);
        assertThat(o.metBy(400_000_000L, 30_000_000L, 4_000_000_000L)).isTrue();
        assertThat(o.metBy(600_000_000L, 30_000_000L, 4_000_000_000L)).isFalse();
        assertThat(o.metBy(-1, 30_000_000L, 4_000_000_000L)).as("no TTFT proves nothing").isFalse();
        assertThatThrownBy(() -> Objectives.parse("p99=3s")).hasMessage("unknown objective 'p99' (known: ttft, tpot, e2e)");
        assertThatThrownBy(() -> Objectives.parse("ttft")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Objectives.parse("ttft=soon")).hasMessageContaining("not a duration: 'soon'");
    }

    @Test
    void durationsReadWhatPeopleType() {
        assertThat(DurationText.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationText.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(DurationText.parse("2")).isEqualTo(Duration.ofSeconds(2));
        assertThat(DurationText.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThatThrownBy(() -> DurationText.parse("5 minutes")).hasMessageContaining("not a duration");
    }

    @Test
    void aPromptFileNamesTheLineThatIsWrong() throws Exception {
        Path good = dir.resolve("p.jsonl");
        Files.writeString(good, "{\"prompt\": \"one\"}\n\n{\"prompt\": \"two\", \"system\": \"Be brief.\"}\n");
        PromptSet set = PromptSet.named(good.toString());
        assertThat(set.size()).isEqualTo(2);
        assertThat(set.get(1)).isEqualTo(new BenchPrompt("Be brief.", "two"));

        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"prompt\": \"one\"}\n{\"prompt\": 3}\n");
        assertThatThrownBy(() -> PromptSet.fromJsonl(bad)).hasMessage(bad + " line 2: needs a non-empty \"prompt\" string");
        Path notJson = dir.resolve("nj.jsonl");
        Files.writeString(notJson, "prompt: one\n");
        assertThatThrownBy(() -> PromptSet.fromJsonl(notJson)).hasMessageStartingWith(notJson + " line 1: not JSON");
        assertThatThrownBy(() -> PromptSet.named(dir.resolve("missing.jsonl").toString())).hasMessageStartingWith("prompt file not found");
        assertThat(PromptSet.builtIn("long-context").get(0).user().length()).isGreaterThan(10_000);
    }

    @Test
    void impossibleSettingsAreRefusedInOneLine() {
        assertThatThrownBy(() -> BenchSpec.builder(BenchScenario.RATE, "sim-openai").rate(0).build())
                .hasMessage("the rate scenario needs a rate above 0 requests/s (got 0.0)");
        assertThatThrownBy(() -> BenchSpec.builder(BenchScenario.CACHE, "sim-openai").repeatRatio(1).build())
                .hasMessageContaining("repeat ratio must be at least 0 and below 1");
        assertThatThrownBy(() -> BenchSpec.builder(BenchScenario.LOAD, "").build()).hasMessage("a benchmark needs a provider");
        assertThatThrownBy(() -> BenchScenario.parse("soak")).hasMessage("unknown scenario 'soak' (choose load, rate, stress, breaker, cache)");
        BenchSpec load = BenchSpec.builder(BenchScenario.LOAD, "sim-openai").build();
        assertThat(load.concurrency()).isEqualTo(BenchSpec.DEFAULT_USERS);
        assertThat(load.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(BenchSpec.builder(BenchScenario.CACHE, "sim-openai").build().concurrency()).isEqualTo(1);
        assertThat(BenchSpec.builder(BenchScenario.RATE, "sim-openai").rate(5).build().concurrency()).as("no cap by default").isZero();
    }

    @Test
    void repeatsFollowTheRatioAndRepeatExactlyWhileFreshPromptsNeverCollide() {
        RequestSource source = new RequestSource(PromptSet.builtIn("code"), 0.3, "m", true, 16, null, 11);
        Set<String> seen = new HashSet<>();
        int repeats = 0;
        int n = 5_000;
        for (int i = 0; i < n; i++) {
            ChatRequest r = source.next();
            if (!seen.add(r.messages().getFirst().content())) {
                repeats++;
            }
        }
        assertThat(repeats).isEqualTo(source.repeats());
        assertThat(repeats / (double) n).isBetween(0.28, 0.32);
        RequestSource none = new RequestSource(PromptSet.builtIn("code"), 0, "m", true, 16, null, 11);
        Set<String> fresh = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            assertThat(fresh.add(none.next().messages().getFirst().content())).isTrue();
        }
    }
}
