package dev.localagent.studio.service.provider.perplexity;

import dev.localagent.studio.model.ChatMessage;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.FinishReason;
import dev.localagent.studio.model.Usage;
import dev.localagent.studio.service.provider.wire.ReplyAccumulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** From the shared model records to Perplexity's wire form and back. */
final class PerplexityMapping {

    private PerplexityMapping() {}

    /** Perplexity takes no seed; it is left out rather than rejected. */
    static PerplexityWire.ChatRequestDto request(ChatRequest r, boolean streaming) {
        List<PerplexityWire.Message> messages = new ArrayList<>();
        if (r.systemPrompt() != null && !r.systemPrompt().isEmpty()) {
            messages.add(new PerplexityWire.Message("system", r.systemPrompt()));
        }
        for (ChatMessage m : r.messages()) {
            messages.add(new PerplexityWire.Message(m.role().name().toLowerCase(Locale.ROOT), m.content()));
        }
        return new PerplexityWire.ChatRequestDto(r.model(), messages, r.temperature(), r.topP(), r.maxOutputTokens(),
                r.stop().isEmpty() ? null : r.stop(), streaming);
    }

    static FinishReason finishReason(String wire) {
        if (wire == null) {
            return null;
        }
        return switch (wire) {
            case "stop" -> FinishReason.STOP;
            case "length" -> FinishReason.LENGTH;
            default -> FinishReason.OTHER;
        };
    }

    /** Metadata arrives on the last chunks: the last value of each wins. */
    static void metadata(PerplexityWire.Completion c, ReplyAccumulator reply) {
        reply.model(c.model());
        PerplexityWire.UsageDto u = c.usage();
        if (u != null) {
            reply.usage(new Usage(u.promptTokens(), u.completionTokens(), null, u.reasoningTokens(), false));
            if (u.cost() != null) {
                reply.costUsd(u.cost().totalCost());
            }
        }
        if (c.citations() != null && !c.citations().isEmpty()) {
            reply.citations(c.citations());
        } else if (c.searchResults() != null && !c.searchResults().isEmpty()) {
            reply.citations(c.searchResults().stream().map(PerplexityWire.SearchResult::url).filter(java.util.Objects::nonNull).toList());
        }
    }
}
