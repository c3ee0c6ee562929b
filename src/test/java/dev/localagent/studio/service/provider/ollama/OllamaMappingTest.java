package dev.localagent.studio.service.provider.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.service.provider.wire.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ollama: stream always explicit, sampling inside options, num_predict for the output limit (PROTOCOLS.md §1.2, §8.1). */
class OllamaMappingTest {

    private static String json(ChatRequest r, boolean streaming) {
        return new String(WireJson.write(OllamaMapping.request(r, streaming)), StandardCharsets.UTF_8);
    }

    @Test
    void putsSamplingInsideOptionsWithNumPredict() {
        ChatRequest r = ChatRequest.builder("llama3.2").systemPrompt("Be brief.").user("hi").temperature(0.7).topP(0.9)
                .maxOutputTokens(256).seed(42L).stop(List.of("\n\n")).build();
        assertThat(json(r, true)).isEqualTo("{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true,\"options\":{\"temperature\":0.7,\"top_p\":0.9,"
                + "\"num_predict\":256,\"seed\":42,\"stop\":[\"\\n\\n\"]}}");
    }

    @Test
    void alwaysSendsStreamFalseBecauseOllamaStreamsByDefault() {
        assertThat(json(ChatRequest.builder("llama3.2").user("hi").build(), false))
                .isEqualTo("{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":false}");
    }
}
