package dev.localagent.studio.service.provider.ollama;

import dev.localagent.studio.model.ChatMessage;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.FinishReason;
import dev.localagent.studio.model.ServerTimings;
import dev.localagent.studio.model.Usage;
import dev.localagent.studio.service.provider.wire.ReplyAccumulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** From the shared model records to Ollama's wire form and back. */
final class OllamaMapping {

    private OllamaMapping() {}

    static OllamaWire.ChatRequestDto request(ChatRequest r, boolean streaming) {
        List<OllamaWire.Message> messages = new ArrayList<>();
        if (r.systemPrompt() != null && !r.systemPrompt().isEmpty()) {
            messages.add(new OllamaWire.Message("system", r.systemPrompt()));
        }
        for (ChatMessage m : r.messages()) {
            messages.add(new OllamaWire.Message(m.role().name().toLowerCase(Locale.ROOT), m.content()));
        }
        boolean anyOption = r.temperature() != null || r.topP() != null || r.maxOutputTokens() != null || r.seed() != null
                || !r.stop().isEmpty();
        OllamaWire.Options options = anyOption
                ? new OllamaWire.Options(r.temperature(), r.topP(), r.maxOutputTokens(), r.seed(), r.stop().isEmpty() ? null : r.stop())
                : null;
        return new OllamaWire.ChatRequestDto(r.model(), messages, streaming, options);
    }

    static FinishReason finishReason(String wire) {
        if (wire == null) {
            return FinishReason.STOP; // older servers send done:true without a reason
        }
        return switch (wire) {
            case "stop" -> FinishReason.STOP;
            case "length" -> FinishReason.LENGTH;
            default -> FinishReason.OTHER;
        };
    }

    /** Reads one chunk; returns true when it was the final ({@code done:true}) one. */
    static boolean read(OllamaWire.ChatChunk c, ReplyAccumulator reply) {
        reply.model(c.model());
        if (c.message() != null) {
            reply.text(c.message().content());
        }
        if (!Boolean.TRUE.equals(c.done())) {
            return false;
        }
        reply.finishReason(finishReason(c.doneReason()));
        // A missing count means "not reported" (omitted when zero, or served from the KV cache), kept as null.
        reply.usage(new Usage(c.promptEvalCount(), c.evalCount(), null, null, false));
        reply.serverTimings(new ServerTimings(c.totalDuration(), c.loadDuration(), c.promptEvalDuration(), c.promptEvalCount(),
                c.evalDuration(), c.evalCount()));
        return true;
    }
}
