package dev.localagent.studio.service.resilience;

import java.time.Duration;
import java.util.List;

/**
 * An immutable snapshot of one provider's breaker.
 *
 * @param failureRatePercent failures among the calls the breaker currently counts
 * @param permitted calls let through since start
 * @param rejected calls turned away while open
 * @param remainingOpenDelay time until trial calls are allowed, zero unless open
 * @param recentTransitions the latest transitions, oldest first
 */
public record BreakerStats(
        BreakerState state,
        int failureRatePercent,
        long failures,
        long successes,
        long permitted,
        long rejected,
        Duration remainingOpenDelay,
        List<BreakerTransition> recentTransitions) {}
