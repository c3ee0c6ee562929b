package dev.localagent.studio.model;

import java.util.List;
import java.util.Objects;

/**
 * A finished reply: the text, why it ended, the usage as the server reported it, and the timings
 * of both sides.
 *
 * @param model the model that answered, as the server named it
 * @param citations Perplexity's source URLs; empty elsewhere
 * @param reportedCostUsd the cost the server reported (Perplexity's {@code usage.cost.total_cost}), or null
 */
public record ChatResult(
        String text,
        FinishReason finishReason,
        Usage usage,
        String model,
        ServerTimings serverTimings,
        ClientTimings clientTimings,
        List<String> citations,
        Double reportedCostUsd) {

    public ChatResult {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(finishReason, "finishReason");
        usage = usage == null ? Usage.UNKNOWN : usage;
        serverTimings = serverTimings == null ? ServerTimings.NONE : serverTimings;
        clientTimings = clientTimings == null ? ClientTimings.NONE : clientTimings;
        citations = citations == null ? List.of() : List.copyOf(citations);
    }
}
