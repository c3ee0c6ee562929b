package dev.localagent.studio.service.cache;

import static dev.localagent.studio.service.cache.CacheFixtures.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.model.CacheStrategy;
import dev.localagent.studio.model.ChatMessage;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.ChatResult;
import dev.localagent.studio.model.FinishReason;
import dev.localagent.studio.model.ProviderKind;
import dev.localagent.studio.service.config.CacheSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class CachePolicyTest {

    private static final long HOUR = 3_600;

    private static CacheDecision decide(CacheStrategy strategy, ChatRequest request) {
        return decide(strategy, ProviderKind.OPENAI, request, result("An answer."));
    }

    private static CacheDecision decide(CacheStrategy strategy, ProviderKind kind, ChatRequest request, ChatResult result) {
        return CachePolicy.decide(new CacheSettings(strategy, HOUR), CacheFixtures.call(kind, request), result);
    }

    private static ChatRequest sampled(String prompt) {
        return ChatRequest.builder("m").user(prompt).temperature(0.7).build();
    }

    private static ChatRequest greedy(String prompt) {
        return ChatRequest.builder("m").user(prompt).temperature(0.0).build();
    }

    @Nested
    class Aggressive {
        @Test
        void keepsEverySuccessfulReplyForTheFullTtl() {
            CacheDecision d = decide(CacheStrategy.AGGRESSIVE, sampled("What is the latest news today?"));

            assertThat(d.keep()).isTrue();
            assertThat(d.ttl()).isEqualTo(Duration.ofHours(1));
            assertThat(d.reason()).startsWith("aggressive");
        }

        @ParameterizedTest
        @EnumSource(value = FinishReason.class, names = {"CONTENT_FILTER", "TOOL_CALLS", "CANCELLED", "OTHER"})
        void keepsNoReplyThatDidNotFinishNormally(FinishReason finish) {
            ChatResult cut = new ChatResult("partial", finish, null, "m", null, null, List.of(), null);

            CacheDecision d = decide(CacheStrategy.AGGRESSIVE, ProviderKind.OPENAI, sampled("hi"), cut);

            assertThat(d.keep()).isFalse();
            assertThat(d.reason()).contains(finish.name().toLowerCase(java.util.Locale.ROOT));
        }

        @Test
        void keepsNoEmptyReply() {
            assertThat(decide(CacheStrategy.AGGRESSIVE, ProviderKind.OPENAI, sampled("hi"), result("  ")).keep()).isFalse();
        }
    }

    @Nested
    class Conservative {
        @Test
        void keepsATemperatureZeroRequestForAShortTime() {
            CacheDecision d = decide(CacheStrategy.CONSERVATIVE, greedy("Explain TCP."));

            assertThat(d.keep()).isTrue();
            assertThat(d.ttl()).isEqualTo(CachePolicy.SHORT_TTL);
            assertThat(d.reason()).contains("temperature 0");
        }

        @Test
        void keepsASeededRequest() {
            CacheDecision d = decide(CacheStrategy.CONSERVATIVE, ChatRequest.builder("m").user("x").temperature(1.0).seed(42L).build());

            assertThat(d.keep()).isTrue();
            assertThat(d.reason()).contains("seed 42");
        }

        @Test
        void skipsASampledRequest() {
            CacheDecision d = decide(CacheStrategy.CONSERVATIVE, sampled("Explain TCP."));

            assertThat(d.keep()).isFalse();
            assertThat(d.reason()).isEqualTo("conservative: not deterministic (temperature 0.7, no seed)");
        }

        @Test
        void neverKeepsLongerThanTheProvidersTtl() {
            CacheDecision d = CachePolicy.decide(new CacheSettings(CacheStrategy.CONSERVATIVE, 60), CacheFixtures.call(ProviderKind.OLLAMA,
                    greedy("x")), result("y"));

            assertThat(d.ttl()).isEqualTo(Duration.ofSeconds(60));
        }
    }

    @Nested
    class Selective {
        @ParameterizedTest
        @ValueSource(strings = {
            "What happened today?",
            "What's the weather in Oslo?",
            "Give me the latest release of Java.",
            "What is the current price of bitcoin?",
            "Who is currently the prime minister?",
            "Summarise the news.",
            "What happened on 2026-11-28?",
            "Any events on 11/28/2026?",
            "Plans for March 3rd?",
            "What did the market do on 3 March?",
            "Best restaurants open right now",
            "What did I miss this week?",
            "What will it cost next month?",
            "Tomorrow's schedule, please"
        })
        void skipsTimeSensitivePrompts(String prompt) {
            CacheDecision d = decide(CacheStrategy.SELECTIVE, greedy(prompt));

            assertThat(d.keep()).as(prompt).isFalse();
            assertThat(d.reason()).startsWith("selective: time-sensitive prompt ('");
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "Explain how a hash map works.",
            "Translate 'good morning' into French.",
            "Write a haiku about autumn leaves.",
            "What is 17 times 23?",
            "Summarise the plot of Hamlet.",
            "May I ask how recursion works?"
        })
        void keepsTimelessPrompts(String prompt) {
            assertThat(decide(CacheStrategy.SELECTIVE, greedy(prompt)).keep()).as(prompt).isTrue();
        }

        @Test
        void aTimeSensitiveSystemPromptCountsToo() {
            ChatRequest r = ChatRequest.builder("m").systemPrompt("Today is 2026-11-29.").user("Explain TCP.").temperature(0.0).build();

            assertThat(decide(CacheStrategy.SELECTIVE, r).reason()).isEqualTo("selective: time-sensitive prompt ('today')");
        }

        @Test
        void earlierAnswersDoNotMakeAPromptTimeSensitive() {
            ChatRequest r = ChatRequest.builder("m").temperature(0.0)
                    .messages(List.of(ChatMessage.user("Name a prime."), ChatMessage.assistant("Today I'd say 7."), ChatMessage.user("Another.")))
                    .build();

            assertThat(decide(CacheStrategy.SELECTIVE, r).keep()).isTrue();
        }

        @Test
        void neverKeepsAPerplexityAnswer() {
            CacheDecision d = decide(CacheStrategy.SELECTIVE, ProviderKind.PERPLEXITY, greedy("Explain TCP."), result("TCP is..."));

            assertThat(d.keep()).isFalse();
            assertThat(d.reason()).isEqualTo("selective: web-search answer (Perplexity) goes stale");
        }

        @Test
        void neverKeepsAnAnswerWithCitations() {
            ChatResult cited = new ChatResult("TCP is [1].", FinishReason.STOP, null, "m", null, null, List.of("https://a.example"), null);

            assertThat(decide(CacheStrategy.SELECTIVE, ProviderKind.OPENAI, greedy("Explain TCP."), cited).reason())
                    .isEqualTo("selective: web-search answer (1 citations) goes stale");
        }

        @Test
        void keepsDeterministicRequestsLongerThanSampledOnes() {
            CacheDecision deterministic = decide(CacheStrategy.SELECTIVE, greedy("Explain TCP."));
            CacheDecision sampled = decide(CacheStrategy.SELECTIVE, sampled("Explain TCP."));

            assertThat(deterministic.ttl()).isEqualTo(Duration.ofHours(1));
            assertThat(sampled.keep()).isTrue();
            assertThat(sampled.ttl()).isEqualTo(CachePolicy.SHORT_TTL);
            assertThat(deterministic.reason()).isEqualTo("selective: deterministic request (temperature 0), full TTL");
            assertThat(sampled.reason()).isEqualTo("selective: sampled request (temperature 0.7, no seed), short TTL");
        }
    }

    @Test
    void disabledKeepsNothing() {
        CacheDecision d = decide(CacheStrategy.DISABLED, greedy("Explain TCP."));

        assertThat(d.keep()).isFalse();
        assertThat(d.reason()).startsWith("disabled");
    }

    @Test
    void aZeroTtlKeepsNothingWhateverTheStrategy() {
        for (CacheStrategy s : CacheStrategy.values()) {
            CacheDecision d = CachePolicy.decide(new CacheSettings(s, 0), CacheFixtures.call(ProviderKind.OPENAI, greedy("x")), result("y"));
            assertThat(d.keep()).as(s.name()).isFalse();
        }
    }
}
