package dev.localagent.studio.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localagent.studio.sim.fault.DurationText;
import dev.localagent.studio.sim.fault.FaultPlan;
import dev.localagent.studio.sim.fault.FaultPlanJson;
import dev.localagent.studio.sim.fault.FaultPresets;
import dev.localagent.studio.sim.fault.FaultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replies, tokens, the fault file format and the limiter, without a network. */
class SimBehaviourTest {

    static final SimModel MINI = ModelCatalogue.find(Persona.OPENAI, "gpt-4o-mini").orElseThrow();

    @Test
    void theSameConversationAndSeedGiveTheSameReplyByteForByte() {
        Reply a = ReplyGenerator.generate(MINI, "user: tell me about retries\n", 7, null, 0, false);
        Reply b = ReplyGenerator.generate(MINI, "user: tell me about retries\n", 7, null, 0, false);
        assertThat(a.text()).isEqualTo(b.text());
        assertThat(ReplyGenerator.generate(MINI, "user: tell me about retries\n", 8, null, 0, false).text()).isNotEqualTo(a.text());
        assertThat(ReplyGenerator.generate(MINI, "user: tell me about caches\n", 7, null, 0, false).text()).isNotEqualTo(a.text());
        assertThat(a.text()).contains("**retries**");
    }

    @Test
    void aLimitCutsTheSameReplyAtThatManyTokens() {
        Reply full = ReplyGenerator.generate(MINI, "user: hi\n", 1, null, 0, false);
        Reply cut = ReplyGenerator.generate(MINI, "user: hi\n", 1, 10, 0, false);
        assertThat(full.cut()).isFalse();
        assertThat(cut.cut()).isTrue();
        assertThat(cut.completionTokens()).isEqualTo(10);
        assertThat(full.text()).startsWith(cut.text());
        assertThat(String.join("", cut.tokens())).isEqualTo(cut.text());
        Reply exact = ReplyGenerator.generate(MINI, "user: hi\n", 1, full.completionTokens(), 0, false);
        assertThat(exact.cut()).as("a limit the reply fits in exactly does not cut it").isFalse();
    }

    @Test
    void repliesReadLikeMarkdownProseWithACodeBlockOrATableNowAndThen() {
        int withCode = 0;
        int withList = 0;
        int withTable = 0;
        for (int i = 0; i < 50; i++) {
            String text = ReplyGenerator.generate(MINI, "user: question " + i + "\n", 0, null, 0, false).text();
            assertThat(text).endsWith("measure the effect.");
            withCode += text.contains("```") ? 1 : 0;
            withList += text.contains("\n- **") ? 1 : 0;
            if (text.contains("\n| Setting |")) {
                withTable++;
                // A header, its delimiter row, rows of as many cells, and a blank line before and after.
                assertThat(text).containsPattern("\n\n\\| Setting \\| Default \\| What it changes \\|\n\\|---\\|--:\\|---\\|"
                        + "(\n\\| `\\w+` \\| [^|\n]+ \\| [^|\n]+ \\|){2,4}\n\n");
            }
        }
        assertThat(withCode).isBetween(5, 49);
        assertThat(withList).isBetween(5, 50);
        assertThat(withTable).isBetween(1, 25);
    }

    @Test
    void theTokenizerGluesASpaceToTheWordAfterItAndSplitsLongWordsAndNumbers() {
        assertThat(SimTokenizer.split("Hello world, 123456 internationalisation!\n\nOk"))
                .containsExactly("Hello", " world", ",", " 123", "456", " internat", "ionalisa", "tion", "!", "\n\n", "Ok");
    }

    @Test
    void durationsReadAsPeopleWriteThemAndPrintAsGoDoes() {
        assertThat(DurationText.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationText.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(DurationText.parse("2")).isEqualTo(Duration.ofSeconds(2));
        assertThat(DurationText.go(Duration.ofMillis(12))).isEqualTo("12ms");
        assertThat(DurationText.go(Duration.ofMinutes(6))).isEqualTo("6m0s");
        assertThat(DurationText.go(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThatThrownBy(() -> DurationText.parse("soon")).hasMessageContaining("not a duration");
    }

    @Test
    void aFaultPlanSurvivesTheRoundTripThroughItsJson() {
        for (String name : FaultPresets.names()) {
            FaultPlan preset = FaultPresets.get(name);
            assertThat(FaultPlanJson.read(FaultPlanJson.write(preset))).isEqualTo(preset);
        }
        FaultPlan custom = FaultPlanJson.read("""
                {"name":"mine","seed":3,"faults":{"latency":"50ms","errorRate":0.1,"errorStatus":[500,529]},
                 "personas":{"gemini":{"rpm":10}},
                 "timeline":[{"for":"5s"},{"for":"2s","outage":true}],"repeat":true,"start":"now"}""");
        assertThat(custom.personas().get("gemini").rpm()).isEqualTo(10);
        assertThat(custom.timelineLength()).isEqualTo(Duration.ofSeconds(7));
        assertThat(FaultPlanJson.read(FaultPlanJson.write(custom))).isEqualTo(custom);
    }

    @Test
    void aFaultFileWithAMistakeIsRefusedWithTheReasonAndThePlace() {
        assertThatThrownBy(() -> FaultPlanJson.read("{\"faults\":{\"errorRate\":2}}")).hasMessage("faults.errorRate must be a number from 0 to 1 (a share of requests)");
        assertThatThrownBy(() -> FaultPlanJson.read("{\"timeline\":[{\"outage\":true}]}")).hasMessageContaining("timeline[0] needs 'for'");
        assertThatThrownBy(() -> FaultPlanJson.read("{\"personas\":{\"anthropic\":{}}}")).hasMessageContaining("unknown persona 'anthropic'");
        assertThatThrownBy(() -> FaultPlanJson.read("{\"preset\":\"gentle\"}")).hasMessageContaining("unknown fault preset 'gentle'");
        assertThatThrownBy(() -> FaultPlanJson.read("[")).hasMessageStartingWith("fault plan is not valid JSON");
    }

    @Test
    void commandLineFlagsWinOverThePresetAtEveryMomentOfTheTimeline() {
        FaultPlan plan = FaultPresets.get("brownout").overriddenBy(FaultSet.builder().errorRate(0.0).build());
        assertThat(plan.timeline()).allSatisfy(phase -> assertThat(phase.faults().errorRate()).isEqualTo(0.0));
        assertThat(plan.timeline().get(2).outage()).isTrue();
    }

    @Test
    void theLimiterRefillsContinuouslyAndRefusesWithoutConsuming() {
        MutableClock clock = new MutableClock();
        RateLimiter limiter = new RateLimiter(60, 1000, clock);
        for (int i = 0; i < 60; i++) {
            assertThat(limiter.acquire(10).allowed()).isTrue();
        }
        RateLimiter.Verdict refused = limiter.acquire(10);
        assertThat(refused.exhausted()).isEqualTo("requests");
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofMillis(500));
        assertThat(limiter.acquire(10).allowed()).isFalse();
        clock.advance(Duration.ofMillis(500));
        RateLimiter.Verdict allowed = limiter.acquire(10);
        assertThat(allowed.allowed()).isTrue();
        assertThat(allowed.remainingTokens()).isEqualTo(1000 - 610 + 16);
        RateLimiter tokens = new RateLimiter(0, 100, clock);
        assertThat(tokens.acquire(80).allowed()).isTrue();
        RateLimiter.Verdict tooMany = tokens.acquire(30);
        assertThat(tooMany.exhausted()).isEqualTo("tokens");
        assertThat(tooMany.retryAfter()).isEqualTo(Duration.ofMillis(6000));
    }

    @Test
    void theSimulatorRefusesANonLoopbackAddressUnlessAllowed() {
        assertThatThrownBy(() -> SimServer.start(SimOptions.builder().host("0.0.0.0").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a loopback address");
    }

    @Test
    void theCataloguesHoldTheAppsDefaultModels() {
        assertThat(ModelCatalogue.find(Persona.OLLAMA, "llama3.2")).isPresent();
        assertThat(ModelCatalogue.find(Persona.OPENAI, "gpt-4o-mini")).isPresent();
        assertThat(ModelCatalogue.find(Persona.GEMINI, "models/gemini-2.5-flash")).isPresent();
        assertThat(ModelCatalogue.find(Persona.PERPLEXITY, "sonar")).isPresent();
        assertThat(List.of(Persona.values())).allSatisfy(p -> assertThat(ModelCatalogue.of(p)).hasSizeGreaterThanOrEqualTo(4));
    }
}
