package dev.localagent.studio.service.resilience;

import java.time.Instant;

/**
 * One change of a breaker's state.
 *
 * @param reason what tipped it: the failing call's error, "open delay elapsed", "trial calls
 *     succeeded", or the user's action
 */
public record BreakerTransition(String provider, Instant at, BreakerState from, BreakerState to, String reason) {}
