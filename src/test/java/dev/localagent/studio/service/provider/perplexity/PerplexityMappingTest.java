package dev.localagent.studio.service.provider.perplexity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.service.provider.wire.WireJson;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Perplexity: OpenAI-shaped with max_tokens, and no seed, which it does not take (PROTOCOLS.md §5.1). */
class PerplexityMappingTest {

    @Test
    void sendsMaxTokensAndLeavesTheSeedOut() {
        ChatRequest r = ChatRequest.builder("sonar").systemPrompt("Cite.").user("stars?").maxOutputTokens(100).seed(3L).temperature(0.2).build();
        String json = new String(WireJson.write(PerplexityMapping.request(r, true)), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"model\":\"sonar\",\"messages\":[{\"role\":\"system\",\"content\":\"Cite.\"},"
                + "{\"role\":\"user\",\"content\":\"stars?\"}],\"temperature\":0.2,\"max_tokens\":100,\"stream\":true}");
    }
}
