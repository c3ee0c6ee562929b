package dev.localagent.studio.service.provider.openai;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** OpenAI Chat Completions on the wire (PROTOCOLS.md §2, §3). Only the fields this app reads or sends. */
final class OpenAiWire {

    private OpenAiWire() {}

    record Message(String role, String content) {}

    record StreamOptions(@JsonProperty("include_usage") boolean includeUsage) {}

    record ChatCompletionRequest(
            String model,
            List<Message> messages,
            Double temperature,
            @JsonProperty("top_p") Double topP,
            @JsonProperty("max_completion_tokens") Integer maxCompletionTokens,
            @JsonProperty("max_tokens") Integer maxTokens,
            Long seed,
            List<String> stop,
            boolean stream,
            @JsonProperty("stream_options") StreamOptions streamOptions) {}

    record Delta(String content) {}

    record Choice(Integer index, Message message, Delta delta, @JsonProperty("finish_reason") String finishReason) {}

    record PromptDetails(@JsonProperty("cached_tokens") Integer cachedTokens) {}

    record CompletionDetails(@JsonProperty("reasoning_tokens") Integer reasoningTokens) {}

    record UsageDto(
            @JsonProperty("prompt_tokens") Integer promptTokens,
            @JsonProperty("completion_tokens") Integer completionTokens,
            @JsonProperty("prompt_tokens_details") PromptDetails promptDetails,
            @JsonProperty("completion_tokens_details") CompletionDetails completionDetails) {}

    /** A whole reply or one stream chunk: the same shape, with {@code message} or {@code delta}. */
    record Completion(String model, List<Choice> choices, UsageDto usage, JsonNode error) {}

    record ModelEntry(String id, @JsonProperty("owned_by") String ownedBy, @JsonProperty("max_model_len") Integer maxModelLen) {}

    record ModelList(List<ModelEntry> data) {}
}
