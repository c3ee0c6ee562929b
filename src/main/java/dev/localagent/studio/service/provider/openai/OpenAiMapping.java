package dev.localagent.studio.service.provider.openai;

import dev.localagent.studio.model.ChatMessage;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.FinishReason;
import dev.localagent.studio.model.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** From the shared model records to OpenAI's wire form and back. */
final class OpenAiMapping {

    private OpenAiMapping() {}

    /**
     * @param officialApi OpenAI's own API takes {@code max_completion_tokens} (reasoning models
     *     reject {@code max_tokens}); compatible servers (LM Studio, vLLM, llama.cpp, Ollama's
     *     {@code /v1}) read {@code max_tokens}
     */
    static OpenAiWire.ChatCompletionRequest request(ChatRequest r, boolean streaming, boolean officialApi) {
        List<OpenAiWire.Message> messages = new ArrayList<>();
        if (r.systemPrompt() != null && !r.systemPrompt().isEmpty()) {
            messages.add(new OpenAiWire.Message("system", r.systemPrompt()));
        }
        for (ChatMessage m : r.messages()) {
            messages.add(new OpenAiWire.Message(m.role().name().toLowerCase(Locale.ROOT), m.content()));
        }
        return new OpenAiWire.ChatCompletionRequest(r.model(), messages, r.temperature(), r.topP(),
                officialApi ? r.maxOutputTokens() : null, officialApi ? null : r.maxOutputTokens(), r.seed(),
                r.stop().isEmpty() ? null : r.stop(), streaming, streaming ? new OpenAiWire.StreamOptions(true) : null);
    }

    static FinishReason finishReason(String wire) {
        if (wire == null) {
            return null;
        }
        return switch (wire) {
            case "stop" -> FinishReason.STOP;
            case "length" -> FinishReason.LENGTH;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
            default -> FinishReason.OTHER;
        };
    }

    static Usage usage(OpenAiWire.UsageDto u) {
        if (u == null) {
            return null;
        }
        return new Usage(u.promptTokens(), u.completionTokens(),
                u.promptDetails() == null ? null : u.promptDetails().cachedTokens(),
                u.completionDetails() == null ? null : u.completionDetails().reasoningTokens(), false);
    }
}
