package dev.localagent.studio.service.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localagent.studio.model.ChatMessage;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.ProviderKind;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CacheKeyTest {

    private static final String API_KEY = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789";

    private static final ChatRequest BASE = ChatRequest.builder("gpt-4o-mini")
            .systemPrompt("Be brief.")
            .messages(List.of(ChatMessage.user("What is a monad?"), ChatMessage.assistant("A monoid in..."), ChatMessage.user("Shorter.")))
            .temperature(0.7).topP(0.9).maxOutputTokens(256).seed(7L).stop(List.of("\n\n"))
            .build();

    private static CacheRequest call(ChatRequest request) {
        return new CacheRequest("openai", ProviderKind.OPENAI, "https://api.openai.com/v1", ApiKeyFingerprint.of(API_KEY), request);
    }

    @Test
    void theSameRequestAlwaysGivesTheSameKey() {
        CacheKey first = call(BASE).key();
        CacheKey again = call(BASE.toBuilder().build()).key();

        assertThat(again).isEqualTo(first);
        assertThat(first.hex()).matches("[0-9a-f]{64}");
    }

    @Test
    void streamingOrNotSharesOneKey() {
        assertThat(call(BASE.toBuilder().stream(false).build()).key()).isEqualTo(call(BASE.toBuilder().stream(true).build()).key());
    }

    static Stream<Arguments> answerChangingEdits() {
        return Stream.of(
                edit("model", b -> b.model("gpt-4o")),
                edit("system prompt", b -> b.systemPrompt("Be verbose.")),
                edit("no system prompt", b -> b.systemPrompt(null)),
                edit("message text", b -> b.messages(List.of(ChatMessage.user("What is a functor?")))),
                edit("message role", b -> b.messages(List.of(ChatMessage.user("What is a monad?"), ChatMessage.user("A monoid in..."),
                        ChatMessage.user("Shorter.")))),
                edit("message order", b -> b.messages(List.of(ChatMessage.user("Shorter."), ChatMessage.assistant("A monoid in..."),
                        ChatMessage.user("What is a monad?")))),
                edit("one message fewer", b -> b.messages(List.of(ChatMessage.user("What is a monad?")))),
                edit("temperature", b -> b.temperature(0.8)),
                edit("temperature unset", b -> b.temperature(null)),
                edit("top_p", b -> b.topP(1.0)),
                edit("max output tokens", b -> b.maxOutputTokens(512)),
                edit("seed", b -> b.seed(8L)),
                edit("no seed", b -> b.seed(null)),
                edit("stop sequences", b -> b.stop(List.of("\n"))));
    }

    private static Arguments edit(String name, UnaryOperator<ChatRequest.Builder> change) {
        return Arguments.of(name, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answerChangingEdits")
    void everyParameterThatChangesTheAnswerChangesTheKey(String name, UnaryOperator<ChatRequest.Builder> change) {
        assertThat(call(change.apply(BASE.toBuilder()).build()).key()).isNotEqualTo(call(BASE).key());
    }

    @Test
    void fieldBoundariesCannotRunTogether() {
        ChatRequest ab = ChatRequest.builder("m").messages(List.of(ChatMessage.user("ab"), ChatMessage.user("c"))).build();
        ChatRequest bc = ChatRequest.builder("m").messages(List.of(ChatMessage.user("a"), ChatMessage.user("bc"))).build();
        ChatRequest stopVsNone = ChatRequest.builder("m").user("x").stop(List.of("")).build();

        assertThat(call(ab).key()).isNotEqualTo(call(bc).key());
        assertThat(call(stopVsNone).key()).isNotEqualTo(call(ChatRequest.builder("m").user("x").build()).key());
    }

    @Test
    void providerAndAddressSeparateEntries() {
        CacheKey openai = call(BASE).key();

        assertThat(new CacheRequest("lm-studio", ProviderKind.OPENAI, "https://api.openai.com/v1", ApiKeyFingerprint.of(API_KEY), BASE).key())
                .isNotEqualTo(openai);
        assertThat(new CacheRequest("openai", ProviderKind.OPENAI, "http://localhost:1234/v1", ApiKeyFingerprint.of(API_KEY), BASE).key())
                .isNotEqualTo(openai);
        assertThat(new CacheRequest("openai", ProviderKind.OPENAI, "HTTPS://API.OpenAI.com/v1/", ApiKeyFingerprint.of(API_KEY), BASE).key())
                .as("the same address written differently").isEqualTo(openai);
    }

    @Test
    void twoApiKeysNeverShareAnEntry() {
        CacheRequest mine = new CacheRequest("openai", ProviderKind.OPENAI, "https://api.openai.com/v1", ApiKeyFingerprint.of("sk-mine"), BASE);
        CacheRequest theirs = new CacheRequest("openai", ProviderKind.OPENAI, "https://api.openai.com/v1", ApiKeyFingerprint.of("sk-theirs"), BASE);
        CacheRequest none = new CacheRequest("openai", ProviderKind.OPENAI, "https://api.openai.com/v1", ApiKeyFingerprint.NONE, BASE);

        assertThat(mine.key()).isNotEqualTo(theirs.key()).isNotEqualTo(none.key());
        assertThat(ApiKeyFingerprint.of("sk-mine")).isEqualTo(ApiKeyFingerprint.of("sk-mine"));
    }

    @Test
    void theKeyItselfAppearsNowhere() {
        ApiKeyFingerprint fingerprint = ApiKeyFingerprint.of(API_KEY);
        CacheRequest call = call(BASE);

        // First 8 bytes of SHA-256("sk-proj-abc...789"), as `printf %s KEY | sha256sum | cut -c1-16` prints them.
        assertThat(fingerprint.hex()).isEqualTo("977b7ec104fb56cc");
        assertThat(fingerprint.toString()).doesNotContain(API_KEY).doesNotContain("sk-proj");
        assertThat(call.toString()).doesNotContain(API_KEY);
        assertThat(call.key().toString()).doesNotContain(API_KEY);
        assertThatThrownBy(() -> new ApiKeyFingerprint(API_KEY)).isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain(API_KEY);
        assertThat(ApiKeyFingerprint.of("  ")).isEqualTo(ApiKeyFingerprint.NONE);
    }
}
