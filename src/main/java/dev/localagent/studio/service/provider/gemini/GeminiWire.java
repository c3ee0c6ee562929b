package dev.localagent.studio.service.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Gemini's Generative Language API on the wire (PROTOCOLS.md §4), lowerCamelCase as Google sends it. */
final class GeminiWire {

    private GeminiWire() {}

    record Part(String text, Boolean thought) {
        static Part of(String text) {
            return new Part(text, null);
        }
    }

    record Content(String role, List<Part> parts) {}

    record GenerationConfig(Double temperature, Double topP, Integer maxOutputTokens, List<String> stopSequences, Long seed) {}

    record GenerateRequest(Content systemInstruction, List<Content> contents, GenerationConfig generationConfig) {}

    record Candidate(Content content, String finishReason) {}

    record UsageMetadata(
            Integer promptTokenCount,
            Integer candidatesTokenCount,
            Integer thoughtsTokenCount,
            Integer cachedContentTokenCount,
            Integer totalTokenCount) {}

    record PromptFeedback(String blockReason) {}

    /** A whole reply or one streamed chunk: the same shape. */
    record GenerateResponse(
            List<Candidate> candidates, UsageMetadata usageMetadata, PromptFeedback promptFeedback, String modelVersion, JsonNode error) {}

    record Model(String name, String displayName, Integer inputTokenLimit, Integer outputTokenLimit,
            List<String> supportedGenerationMethods) {}

    record ModelPage(List<Model> models, String nextPageToken) {}
}
