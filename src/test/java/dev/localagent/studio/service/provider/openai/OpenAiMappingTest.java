package dev.localagent.studio.service.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.model.ChatMessage;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.service.provider.wire.WireJson;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What goes on the wire for OpenAI and OpenAI-compatible servers (PROTOCOLS.md §2.1, §3, §8.8). */
class OpenAiMappingTest {

    private static final ChatRequest REQUEST = ChatRequest.builder("o3").systemPrompt("Be brief.")
            .messages(List.of(ChatMessage.user("hi"), ChatMessage.assistant("Hello."), ChatMessage.user("more")))
            .temperature(0.7).topP(0.9).maxOutputTokens(256).seed(7L).stop(List.of("\n\n")).build();

    private static String json(ChatRequest r, boolean streaming, boolean official) {
        return new String(WireJson.write(OpenAiMapping.request(r, streaming, official)), StandardCharsets.UTF_8);
    }

    @Test
    void theOfficialApiGetsMaxCompletionTokensAndStreamsAskForUsage() {
        assertThat(json(REQUEST, true, true)).isEqualTo("{\"model\":\"o3\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":\"Hello.\"},{\"role\":\"user\",\"content\":\"more\"}],"
                + "\"temperature\":0.7,\"top_p\":0.9,\"max_completion_tokens\":256,\"seed\":7,\"stop\":[\"\\n\\n\"],\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true}}");
    }

    @Test
    void compatibleServersGetMaxTokensAndNoStreamOptionsWithoutStreaming() {
        String body = json(REQUEST, false, false);
        assertThat(body).contains("\"max_tokens\":256", "\"stream\":false").doesNotContain("max_completion_tokens", "stream_options");
    }

    @Test
    void unsetParametersAreLeftOut() {
        assertThat(json(ChatRequest.builder("m").user("x").build(), false, true))
                .isEqualTo("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream\":false}");
    }

    @Test
    void onlyOpenAisOwnHostsAreTheOfficialApi() {
        assertThat(OpenAiProvider.isOfficial(URI.create("https://api.openai.com/v1"))).isTrue();
        assertThat(OpenAiProvider.isOfficial(URI.create("https://my.openai.azure.com/openai"))).isTrue();
        assertThat(OpenAiProvider.isOfficial(URI.create("http://localhost:1234/v1"))).isFalse();
        assertThat(OpenAiProvider.isOfficial(URI.create("http://localhost:11434/v1"))).isFalse();
    }
}
