package dev.localagent.studio.service.resilience;

import dev.localagent.studio.model.ChatResult;
import dev.localagent.studio.service.tokens.CostBreakdown;
import java.util.Optional;

/**
 * A reply, the record of how the resilience layer got it, and what it cost (empty when no price
 * is known; zero for a cache hit, whose saving is in the record).
 */
public record PipelineResult(ChatResult result, CallRecord record, Optional<CostBreakdown> cost) {

    public PipelineResult(ChatResult result, CallRecord record) {
        this(result, record, Optional.empty());
    }
}
