package dev.localagent.studio.service.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One priced reply as stored. Money in nano-dollars (1e-9 USD): a single gpt-5-nano cached token
 * costs 5 of them, so sums stay exact where floating point would drift.
 *
 * @param day the calendar day the reply counts towards, in the app's time zone
 * @param conversationId null for replies outside a conversation (benchmarks, the command line)
 */
public record SpendRow(
        Instant at,
        LocalDate day,
        String providerId,
        String conversationId,
        String model,
        Integer promptTokens,
        Integer completionTokens,
        long costNanoUsd,
        boolean estimated) {

    public SpendRow {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(model, "model");
    }
}
