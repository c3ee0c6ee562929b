package dev.localagent.studio.service.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.model.ChatMessage;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.service.provider.wire.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gemini: systemInstruction, the model role, generationConfig in lowerCamelCase (PROTOCOLS.md §4.2). */
class GeminiMappingTest {

    @Test
    void sendsTheSystemPromptAsSystemInstructionAndTheAssistantAsModel() {
        ChatRequest r = ChatRequest.builder("models/gemini-2.5-flash").systemPrompt("Be brief.")
                .messages(List.of(ChatMessage.user("hi"), ChatMessage.assistant("Hello."), ChatMessage.user("joke")))
                .temperature(0.7).topP(0.95).maxOutputTokens(256).seed(1L).stop(List.of("\n\n")).build();
        String json = new String(WireJson.write(GeminiMapping.request(r)), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"systemInstruction\":{\"parts\":[{\"text\":\"Be brief.\"}]},\"contents\":["
                + "{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]},{\"role\":\"model\",\"parts\":[{\"text\":\"Hello.\"}]},"
                + "{\"role\":\"user\",\"parts\":[{\"text\":\"joke\"}]}],\"generationConfig\":{\"temperature\":0.7,\"topP\":0.95,"
                + "\"maxOutputTokens\":256,\"stopSequences\":[\"\\n\\n\"],\"seed\":1}}");
        assertThat(GeminiMapping.modelId(r.model())).isEqualTo("gemini-2.5-flash");
    }

    @Test
    void aSystemMessageInsideTheConversationJoinsTheInstructionBecauseContentsHaveNoSystemRole() {
        ChatRequest r = ChatRequest.builder("gemini-2.5-flash").messages(List.of(ChatMessage.system("Rule."), ChatMessage.user("hi"))).build();
        String json = new String(WireJson.write(GeminiMapping.request(r)), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"systemInstruction\":{\"parts\":[{\"text\":\"Rule.\"}]},\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}");
    }
}
