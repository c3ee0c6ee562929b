package dev.localagent.studio.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.ChatResult;
import dev.localagent.studio.model.FinishReason;
import dev.localagent.studio.model.ProviderKind;
import dev.localagent.studio.service.provider.Health;
import dev.localagent.studio.service.provider.ModelInfo;
import dev.localagent.studio.service.provider.Provider;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every provider client against its simulated persona over loopback: replies, usage, models, health. */
class ProvidersAgainstSimulatorTest {

    private static SimulatedProviders sim;

    @BeforeAll
    static void start() throws Exception {
        sim = SimulatedProviders.instant();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void poolIsEmptyAgain() {
        sim.faults("healthy");
        sim.assertNothingLeased();
    }

    private static ChatRequest request(Provider p, boolean stream) {
        return ChatRequest.builder(sim.config(p.kind()).defaultModel()).systemPrompt("Be brief.").user("Tell me about connection pools.")
                .temperature(0.2).maxOutputTokens(64).stream(stream).build();
    }

    @ParameterizedTest
    @EnumSource(ProviderKind.class)
    void streamsAReplyPieceByPieceWithUsageAndTimings(ProviderKind kind) {
        Provider provider = sim.provider(kind);
        List<String> pieces = new ArrayList<>();
        ChatResult result = provider.stream(request(provider, true), pieces::add);

        assertThat(pieces).hasSizeGreaterThan(1);
        assertThat(result.text()).isEqualTo(String.join("", pieces)).isNotBlank();
        assertThat(result.finishReason()).isIn(FinishReason.STOP, FinishReason.LENGTH);
        assertThat(result.usage().promptTokens()).isPositive();
        assertThat(result.usage().completionTokens()).isPositive();
        assertThat(result.clientTimings().timeToFirstByteNanos()).isPositive();
        assertThat(result.clientTimings().timeToFirstTokenNanos()).isGreaterThanOrEqualTo(result.clientTimings().timeToFirstByteNanos());
        assertThat(result.clientTimings().interTokenGapsNanos()).hasSize(pieces.size() - 1);
        assertThat(result.clientTimings().endToEndNanos()).isGreaterThanOrEqualTo(result.clientTimings().timeToFirstTokenNanos());
        if (kind == ProviderKind.OLLAMA) {
            assertThat(result.serverTimings().evalNanos()).isPositive();
            assertThat(result.serverTimings().evalCount()).isEqualTo(result.usage().completionTokens());
        }
        if (kind == ProviderKind.PERPLEXITY) {
            assertThat(result.citations()).isNotEmpty();
            assertThat(result.reportedCostUsd()).isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(ProviderKind.class)
    void answersWithOneWholeReplyWhenNotStreaming(ProviderKind kind) {
        Provider provider = sim.provider(kind);
        ChatResult result = provider.chat(request(provider, false));

        assertThat(result.text()).isNotBlank();
        assertThat(result.finishReason()).isIn(FinishReason.STOP, FinishReason.LENGTH);
        assertThat(result.usage().promptTokens()).isPositive();
        assertThat(result.usage().completionTokens()).isPositive();
        assertThat(result.clientTimings().interTokenGapsNanos()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ProviderKind.class)
    void theOutputLimitIsMappedToEachProvidersParameter(ProviderKind kind) {
        Provider provider = sim.provider(kind);
        ChatRequest tiny = request(provider, true).toBuilder().maxOutputTokens(3).build();
        ChatResult result = provider.stream(tiny, text -> {});
        assertThat(result.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(result.usage().completionTokens()).isLessThanOrEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(ProviderKind.class)
    void listsTheModelsTheDefaultIsAmong(ProviderKind kind) {
        Provider provider = sim.provider(kind);
        List<ModelInfo> models = provider.listModels();
        assertThat(models).extracting(ModelInfo::id).anyMatch(id -> id.equals(sim.config(kind).defaultModel())
                || id.equals(sim.config(kind).defaultModel() + ":latest"));
    }

    @ParameterizedTest
    @EnumSource(ProviderKind.class)
    void reportsHealthWithLatency(ProviderKind kind) {
        Health health = sim.provider(kind).health();
        assertThat(health.up()).as("%s", health.error()).isTrue();
        assertThat(health.latency()).isPositive();
        if (kind == ProviderKind.OLLAMA) {
            assertThat(health.version()).isNotBlank();
        }
    }

    @org.junit.jupiter.api.Test
    void theOpenAiClientTalksToAnyCompatibleServerByBaseUrlSendingMaxTokens() {
        // As a user would configure LM Studio or vLLM: a provider of kind openai, not simulated, any base URL.
        var c = sim.config(ProviderKind.OPENAI);
        var lmStudio = new dev.localagent.studio.service.config.ProviderConfig("lm-studio", ProviderKind.OPENAI, "LM Studio", false,
                c.baseUrl(), true, "gpt-4o-mini", c.timeouts(), c.pool(), c.breaker(), c.rateLimit(), c.retry(), c.cache());
        Provider provider = new dev.localagent.studio.service.provider.openai.OpenAiProvider(lmStudio, sim.http, null, java.time.Clock.systemUTC());
        ChatResult result = provider.stream(ChatRequest.builder("gpt-4o-mini").user("hi").maxOutputTokens(3).build(), text -> {});
        assertThat(result.finishReason()).as("max_tokens was honoured").isEqualTo(FinishReason.LENGTH);
        assertThat(result.usage().completionTokens()).isEqualTo(3);
        assertThat(provider.id()).isEqualTo("lm-studio");
    }
}
