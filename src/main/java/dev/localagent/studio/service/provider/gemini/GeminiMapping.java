package dev.localagent.studio.service.provider.gemini;

import dev.localagent.studio.model.ChatMessage;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.FinishReason;
import dev.localagent.studio.model.Role;
import dev.localagent.studio.model.Usage;
import dev.localagent.studio.service.provider.wire.ReplyAccumulator;
import java.util.ArrayList;
import java.util.List;

/**
 * From the shared model records to Gemini's wire form and back: the system prompt goes in
 * {@code systemInstruction}, the assistant's role is {@code model}.
 */
final class GeminiMapping {

    private GeminiMapping() {}

    static GeminiWire.GenerateRequest request(ChatRequest r) {
        List<GeminiWire.Content> contents = new ArrayList<>();
        StringBuilder system = new StringBuilder(r.systemPrompt() == null ? "" : r.systemPrompt());
        for (ChatMessage m : r.messages()) {
            if (m.role() == Role.SYSTEM) {
                // Gemini has no system role inside contents: fold it into the instruction.
                system.append(system.isEmpty() ? "" : "\n\n").append(m.content());
                continue;
            }
            contents.add(new GeminiWire.Content(m.role() == Role.ASSISTANT ? "model" : "user", List.of(GeminiWire.Part.of(m.content()))));
        }
        GeminiWire.Content instruction = system.isEmpty() ? null : new GeminiWire.Content(null, List.of(GeminiWire.Part.of(system.toString())));
        GeminiWire.GenerationConfig config = new GeminiWire.GenerationConfig(r.temperature(), r.topP(), r.maxOutputTokens(),
                r.stop().isEmpty() ? null : r.stop(), r.seed());
        boolean anySetting = r.temperature() != null || r.topP() != null || r.maxOutputTokens() != null || !r.stop().isEmpty() || r.seed() != null;
        return new GeminiWire.GenerateRequest(instruction, contents, anySetting ? config : null);
    }

    /** The model id without the {@code models/} prefix Google puts on resource names. */
    static String modelId(String name) {
        return name.startsWith("models/") ? name.substring("models/".length()) : name;
    }

    static FinishReason finishReason(String wire) {
        if (wire == null || wire.equals("FINISH_REASON_UNSPECIFIED")) {
            return null;
        }
        return switch (wire) {
            case "STOP" -> FinishReason.STOP;
            case "MAX_TOKENS" -> FinishReason.LENGTH;
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY", "LANGUAGE" -> FinishReason.CONTENT_FILTER;
            case "MALFORMED_FUNCTION_CALL", "UNEXPECTED_TOOL_CALL", "TOO_MANY_TOOL_CALLS" -> FinishReason.TOOL_CALLS;
            default -> FinishReason.OTHER;
        };
    }

    /** Reads one response or chunk; returns true when it ends the reply (a finish reason or a blocked prompt). */
    static boolean read(GeminiWire.GenerateResponse r, ReplyAccumulator reply) {
        reply.model(r.modelVersion());
        GeminiWire.UsageMetadata u = r.usageMetadata();
        if (u != null) {
            // Cumulative on every chunk: the last one is the truth.
            reply.usage(new Usage(u.promptTokenCount(), u.candidatesTokenCount(), u.cachedContentTokenCount(), u.thoughtsTokenCount(), false));
        }
        boolean ended = false;
        if (r.promptFeedback() != null && r.promptFeedback().blockReason() != null
                && (r.candidates() == null || r.candidates().isEmpty())) {
            reply.finishReason(FinishReason.CONTENT_FILTER);
            ended = true;
        }
        if (r.candidates() != null && !r.candidates().isEmpty()) {
            GeminiWire.Candidate c = r.candidates().getFirst();
            if (c.content() != null && c.content().parts() != null) {
                for (GeminiWire.Part p : c.content().parts()) {
                    if (!Boolean.TRUE.equals(p.thought())) {
                        reply.text(p.text());
                    }
                }
            }
            FinishReason reason = finishReason(c.finishReason());
            if (reason != null) {
                reply.finishReason(reason);
                ended = true;
            }
        }
        return ended;
    }
}
