package dev.localagent.studio.ui.dashboard;

import dev.localagent.studio.service.resilience.BreakerState;

/** One provider's circuit breaker as the dashboard shows it. */
public record BreakerRow(
        String providerId, BreakerState state, int failureRatePercent, long permitted, long rejected, String lastTransition) {}
