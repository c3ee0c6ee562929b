package dev.localagent.studio.service.resilience;

/** What a provider's circuit breaker lets through, including the user's manual overrides. */
public enum BreakerState {
    /** Calls flow; failures are counted. */
    CLOSED,
    /** Calls are rejected until the open delay has passed. */
    OPEN,
    /** A few trial calls decide whether to close again or re-open. */
    HALF_OPEN,
    /** The user opened it by hand: every call is rejected until they reset it. */
    FORCED_OPEN,
    /** The user closed it by hand: calls flow and nothing is counted until they reset it. */
    FORCED_CLOSED,
    /** Turned off in the settings. */
    DISABLED
}
