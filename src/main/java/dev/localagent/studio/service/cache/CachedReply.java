package dev.localagent.studio.service.cache;

import dev.localagent.studio.model.ChatResult;
import dev.localagent.studio.model.ClientTimings;
import dev.localagent.studio.model.FinishReason;
import dev.localagent.studio.model.ServerTimings;
import dev.localagent.studio.model.Usage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A reply as the cache keeps it: the data of a {@link ChatResult}, plus what it cost to get the
 * first time, so that a hit can say what it saved.
 *
 * @param originalLatencyNanos how long the provider took end to end, or -1 if not measured
 * @param costUsd what the reply cost when it was fetched; null when the price was not known
 */
public record CachedReply(
        String text,
        FinishReason finishReason,
        Usage usage,
        String model,
        List<String> citations,
        Double reportedCostUsd,
        long originalLatencyNanos,
        BigDecimal costUsd) {

    public CachedReply {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(finishReason, "finishReason");
        usage = usage == null ? Usage.UNKNOWN : usage;
        citations = citations == null ? List.of() : List.copyOf(citations);
    }

    /** Keeps what a later caller needs; the timings of the original call become its saved latency. */
    public static CachedReply of(ChatResult result, BigDecimal costUsd) {
        return new CachedReply(result.text(), result.finishReason(), result.usage(), result.model(), result.citations(),
                result.reportedCostUsd(), result.clientTimings().endToEndNanos(), costUsd);
    }

    /** The reply as a result again. Timings are not replayed: the caller measures the replay itself. */
    public ChatResult toChatResult() {
        return new ChatResult(text, finishReason, usage, model, ServerTimings.NONE, ClientTimings.NONE, citations, reportedCostUsd);
    }
}
