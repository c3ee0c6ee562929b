package dev.localagent.studio.service.tokens;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Where a provider stands against its daily budget, with the sentence to show the user.
 *
 * @param limitUsd the daily limit; null when the provider has no budget
 */
public record BudgetStatus(String providerId, Level level, LocalDate day, BigDecimal spentUsd, BigDecimal limitUsd, String message) {

    public enum Level {
        /** No budget is set. */
        NONE,
        /** Below the warning threshold. */
        OK,
        /** At or above the warning threshold, below the limit. */
        WARNING,
        /** At or above the limit; calls are refused when the budget blocks. */
        REACHED
    }
}
