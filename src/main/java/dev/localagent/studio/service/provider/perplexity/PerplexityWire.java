package dev.localagent.studio.service.provider.perplexity;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Perplexity Sonar chat completions on the wire (PROTOCOLS.md §5): OpenAI-shaped, plus citations and cost. */
final class PerplexityWire {

    private PerplexityWire() {}

    record Message(String role, String content) {}

    record ChatRequestDto(
            String model,
            List<Message> messages,
            Double temperature,
            @JsonProperty("top_p") Double topP,
            @JsonProperty("max_tokens") Integer maxTokens,
            List<String> stop,
            boolean stream) {}

    record Delta(String content) {}

    record Choice(Integer index, Message message, Delta delta, @JsonProperty("finish_reason") String finishReason) {}

    record Cost(@JsonProperty("total_cost") Double totalCost) {}

    record UsageDto(
            @JsonProperty("prompt_tokens") Integer promptTokens,
            @JsonProperty("completion_tokens") Integer completionTokens,
            @JsonProperty("reasoning_tokens") Integer reasoningTokens,
            Cost cost) {}

    record SearchResult(String url) {}

    /** A whole reply or one stream chunk. Chunks may repeat a cumulative {@code message}; only deltas are read. */
    record Completion(
            String model,
            List<Choice> choices,
            UsageDto usage,
            List<String> citations,
            @JsonProperty("search_results") List<SearchResult> searchResults,
            JsonNode error) {}
}
