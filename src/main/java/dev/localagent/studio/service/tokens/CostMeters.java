package dev.localagent.studio.service.tokens;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Publishes a provider's spend today and its daily limit as Micrometer gauges for the dashboard.
 * The spend is read from the ledger when sampled (an indexed SQLite sum), so it includes what
 * earlier runs of the app spent today.
 */
public final class CostMeters {

    private CostMeters() {}

    public static void bind(MeterRegistry registry, BudgetGuard budgets, String providerId) {
        Tags tags = Tags.of("provider", providerId);
        Gauge.builder("studio.cost.today.usd", budgets, b -> b.status(providerId).spentUsd().doubleValue())
                .tags(tags).strongReference(false).register(registry);
        Gauge.builder("studio.cost.budget.usd", budgets, b -> b.budget(providerId).dailyLimitUsd())
                .tags(tags).strongReference(false).register(registry);
    }
}
