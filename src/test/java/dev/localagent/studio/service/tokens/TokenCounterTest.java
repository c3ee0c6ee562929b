package dev.localagent.studio.service.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.ChatResult;
import dev.localagent.studio.model.FinishReason;
import dev.localagent.studio.model.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Expected counts come from OpenAI's cookbook "How to count tokens with tiktoken" (its
 * {@code compare_encodings} examples and the {@code num_tokens_from_messages} check against the API),
 * or are worked out in the comments.
 */
class TokenCounterTest {

    private final TokenCounter counter = new TokenCounter();

    @ParameterizedTest(name = "{0}: \"{1}\" is {2} tokens")
    @CsvSource(delimiter = '|', textBlock = """
            gpt-4            | tiktoken is great!           | 6
            gpt-4            | antidisestablishmentarianism | 6
            gpt-4            | 2 + 2 = 4                    | 7
            gpt-4            | お誕生日おめでとう              | 9
            gpt-4o           | antidisestablishmentarianism | 6
            gpt-4o           | 2 + 2 = 4                    | 7
            gpt-4o           | お誕生日おめでとう              | 8
            """)
    void countsTheCookbooksExamplesExactly(String model, String text, int expected) {
        TokenCount count = counter.count(model, text);

        assertThat(count.tokens()).isEqualTo(expected);
        assertThat(count.exact()).isTrue();
    }

    /**
     * The cookbook's example conversation (six messages, four with a name) counted 129 prompt tokens
     * for gpt-3.5-turbo and gpt-4-0613 and 124 for gpt-4o and gpt-4o-mini, both by
     * num_tokens_from_messages and by the API itself.
     */
    @ParameterizedTest(name = "{0}: {1} prompt tokens")
    @CsvSource({"gpt-3.5-turbo-0125, 129", "gpt-4-0613, 129", "gpt-4o, 124", "gpt-4o-mini, 124"})
    void countsTheCookbooksConversationLikeTheApi(String model, int expected) {
        List<PromptMessage> example = List.of(
                new PromptMessage("system", null,
                        "You are a helpful, pattern-following assistant that translates corporate jargon into plain English."),
                new PromptMessage("system", "example_user", "New synergies will help drive top-line growth."),
                new PromptMessage("system", "example_assistant", "Things working well together will increase revenue."),
                new PromptMessage("system", "example_user",
                        "Let's circle back when we have more time to touch base on opportunities for increased leverage."),
                new PromptMessage("system", "example_assistant", "Let's talk later when we're less busy about how to do better."),
                new PromptMessage("user", null,
                        "This late pivot means we don't have time to boil the ocean for the client deliverable."));

        assertThat(counter.countMessages(model, example).tokens()).isEqualTo(expected);
    }

    @Test
    void preparingAModelLoadsItsExactEncodingAheadOfTheFirstCount() {
        TokenCounter fresh = new TokenCounter();
        assertThat(fresh.ready("gpt-4o-mini")).isFalse();

        assertThat(fresh.prepare("gpt-4o-mini")).isTrue();

        assertThat(fresh.ready("gpt-4o-mini")).isTrue();
        assertThat(fresh.ready("gpt-4o")).as("the same encoding, o200k_base").isTrue();
        assertThat(fresh.ready("gpt-4")).as("cl100k_base, not loaded").isFalse();
        // A model counted by estimate has no table to load.
        assertThat(fresh.prepare("llama3.2")).isFalse();
        assertThat(fresh.ready("llama3.2")).isFalse();
    }

    @Test
    void addsThreeTokensPerMessageAndThreeForTheReplyPrimer() {
        // One user message "2 + 2 = 4": 3 (message) + 1 ("user" is one token) + 7 (as above) + 3 (primer) = 14.
        TokenCount one = counter.countPrompt("gpt-4o", ChatRequest.builder("gpt-4o").user("2 + 2 = 4").build());
        // With a system prompt "2 + 2 = 4" too: + 3 + 1 ("system") + 7 = 25.
        TokenCount two = counter.countPrompt("gpt-4o", ChatRequest.builder("gpt-4o").systemPrompt("2 + 2 = 4").user("2 + 2 = 4").build());

        assertThat(one.tokens()).isEqualTo(14);
        assertThat(two.tokens()).isEqualTo(25);
        assertThat(counter.countMessages("gpt-4o", List.of()).tokens()).as("the primer alone").isEqualTo(3);
    }

    @Test
    void aConversationCountedAgainEncodesOnlyTheMessagesItHasNotSeen() {
        String reply = "A connection pool keeps idle connections open, so the next request skips the handshake. ".repeat(20);
        String question = "Why pool connections? Explain what a pool saves on every request, with numbers. ".repeat(5);
        ChatRequest before = ChatRequest.builder("gpt-4o").messages(List.of(
                new dev.localagent.studio.model.ChatMessage(dev.localagent.studio.model.Role.USER, question),
                new dev.localagent.studio.model.ChatMessage(dev.localagent.studio.model.Role.ASSISTANT, reply))).build();
        ChatRequest after = ChatRequest.builder("gpt-4o").messages(List.of(
                new dev.localagent.studio.model.ChatMessage(dev.localagent.studio.model.Role.USER, question),
                new dev.localagent.studio.model.ChatMessage(dev.localagent.studio.model.Role.ASSISTANT, reply),
                new dev.localagent.studio.model.ChatMessage(dev.localagent.studio.model.Role.USER, question + " And keep-alive?"))).build();

        counter.countPrompt("gpt-4o", before);
        long encoded = counter.encodedTexts();
        TokenCount again = counter.countPrompt("gpt-4o", after);

        assertThat(counter.encodedTexts() - encoded).as("long texts encoded for the second count").isEqualTo(1);
        assertThat(again).isEqualTo(new TokenCounter().countPrompt("gpt-4o", after));
    }

    @Test
    void countsConcatenationsOfWholeWordsAdditively() {
        // The pre-tokenizer splits a newline from the digits around it, so 100 copies of "2 + 2 = 4"
        // joined by newlines are 100 times its 7 tokens plus one token for each of the 99 newlines.
        String hundred = String.join("\n", java.util.Collections.nCopies(100, "2 + 2 = 4"));

        assertThat(counter.count("gpt-4o", hundred).tokens()).isEqualTo(100 * 7 + 99);
        assertThat(counter.count("gpt-4", "").tokens()).isZero();
    }

    @Test
    void countsSpecialTokenTextAsOrdinaryTextInsteadOfFailing() {
        // "<|endoftext|>" as ordinary text: <, |, end, of, text, |, > in both encodings (7 pieces).
        assertThat(counter.count("gpt-4o", "<|endoftext|>").tokens()).isEqualTo(7);
    }

    @ParameterizedTest(name = "{0} uses {1}")
    @CsvSource({
        "gpt-4o-mini, o200k_base", "gpt-4o-2024-08-06, o200k_base", "gpt-4.1-nano, o200k_base", "gpt-5, o200k_base",
        "gpt-5-mini, o200k_base", "o1-mini, o200k_base", "o3, o200k_base", "o4-mini, o200k_base", "chatgpt-4o-latest, o200k_base",
        "gpt-4, cl100k_base", "gpt-4-turbo, cl100k_base", "gpt-4-0613, cl100k_base", "gpt-3.5-turbo, cl100k_base",
        "text-embedding-3-small, cl100k_base", "GPT-4O, o200k_base"
    })
    void picksTheEncodingTiktokenPicks(String model, String encoding) {
        assertThat(counter.count(model, "hi").encoding()).isEqualTo(encoding);
    }

    @ParameterizedTest(name = "{0} is estimated as {1}")
    @CsvSource({
        "llama3.2, llama", "llama3.2:latest, llama", "mistral:7b, mistral", "mixtral, mistral", "qwen2.5-coder:7b, qwen", "gemma3, gemma",
        "models/gemini-2.5-flash, gemini", "gemini-2.5-pro, gemini", "sonar-pro, sonar", "deepseek-r1, deepseek", "phi4, phi"
    })
    void estimatesTheOtherFamilies(String model, String family) {
        TokenCount count = counter.count(model, "x".repeat(420));

        assertThat(count.exact()).isFalse();
        assertThat(count.encoding()).isEqualTo("estimate:" + family);
        // Before any calibration the estimate is the family's seed: 420 bytes over its bytes per token.
        assertThat(count.tokens()).isEqualTo((int) Math.round(420 / ModelFamily.valueOf(family.toUpperCase()).seedBytesPerToken()));
    }

    @Test
    void refusesAModelWhoseFamilyIsUnknownUntilAReplyCalibratesIt() {
        assertThatThrownBy(() -> counter.count("my-finetune-v2", "hello"))
                .isInstanceOf(UnknownModelException.class)
                .hasMessageContaining("unknown model family for 'my-finetune-v2'");

        counter.calibrate("my-finetune-v2", ChatRequest.builder("my-finetune-v2").user("hello").build(), "x".repeat(400),
                new Usage(null, 100, null, null, false));

        assertThat(counter.count("my-finetune-v2", "x".repeat(40)).encoding()).isEqualTo("estimate:unknown");
    }

    @Test
    void fillsMissingUsageWithOwnCountsMarkedEstimated() {
        ChatRequest request = ChatRequest.builder("gpt-4o").user("2 + 2 = 4").build();
        ChatResult noUsage = new ChatResult("2 + 2 = 4", FinishReason.STOP, null, "gpt-4o", null, null, List.of(), null);
        ChatResult reported = new ChatResult("4", FinishReason.STOP, new Usage(14, 1, 0, null, false), "gpt-4o", null, null, List.of(), null);

        assertThat(counter.usageFor("gpt-4o", request, noUsage)).isEqualTo(new Usage(14, 7, null, null, true));
        assertThat(counter.usageFor("gpt-4o", request, reported)).isSameAs(reported.usage());
    }

    @Test
    void countsUtf8BytesLikeTheEncoderDoes() {
        String mixed = "a\u00e9\u4e2d\uD83D\uDE00"; // 1 + 2 + 3 + 4 bytes

        assertThat(Utf8.length(mixed)).isEqualTo(mixed.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isEqualTo(10);
    }
}
