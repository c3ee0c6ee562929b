package dev.localagent.studio.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localagent.studio.model.CacheStrategy;
import dev.localagent.studio.model.ProviderKind;
import dev.localagent.studio.model.Usage;
import dev.localagent.studio.service.config.BudgetSettings;
import dev.localagent.studio.service.config.CacheSettings;
import dev.localagent.studio.service.config.StudioPaths;
import dev.localagent.studio.service.tokens.BudgetExceededException;
import dev.localagent.studio.service.tokens.CostBreakdown;
import dev.localagent.studio.service.tokens.WebSearchUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheAndCostsTest {

    @TempDir
    Path dir;

    private StudioPaths paths() {
        return new StudioPaths(dir.resolve("config.json"), dir.resolve("data"));
    }

    @Test
    void readsBudgetsAndPricesFromTheSettingsFile() throws Exception {
        Files.writeString(dir.resolve("config.json"), """
                {"version": 1,
                 "prices": {"gpt-4o-mini": {"input": 0.20}},
                 "providers": [{"id": "openai", "budget": {"dailyLimitUsd": 2.5, "warnAtPercent": 50},
                                "cache": {"strategy": "conservative"}}]}
                """);

        try (Studio studio = Studio.start(paths())) {
            assertThat(studio.configProblem()).isEmpty();
            CacheAndCosts cc = studio.cacheAndCosts();
            assertThat(cc.budgets().budget("openai")).isEqualTo(new BudgetSettings(2.5, 50, true));
            assertThat(cc.responseCache().settings("openai")).isEqualTo(new CacheSettings(CacheStrategy.CONSERVATIVE, 3_600));
            // 1000 x $0.20/M (the override) + 1000 x $0.60/M (the table)
            CostBreakdown cost = cc.costs().cost(ProviderKind.OPENAI, "gpt-4o-mini", new Usage(1_000, 1_000, null, null, false),
                    WebSearchUsage.NONE).orElseThrow();
            assertThat(cost.total()).isEqualByComparingTo("0.0008");
        }
    }

    @Test
    void spendSurvivesARestartOfTheStudioAndBudgetChangesApplyAtRunTime() throws Exception {
        try (Studio studio = Studio.start(paths())) {
            studio.updateConfig(c -> c.withProvider(c.provider("openai").orElseThrow().withBudget(new BudgetSettings(1.0, 80, true))));
            CostBreakdown dollar = studio.cacheAndCosts().costs().cost(ProviderKind.OPENAI, "gpt-4o", new Usage(400_000, 0, null, null, false),
                    WebSearchUsage.NONE).orElseThrow(); // 400,000 x $2.50/M = $1.00
            studio.cacheAndCosts().ledger().record("openai", "c1", "gpt-4o", new Usage(400_000, 0, null, null, false), dollar);
            assertThatThrownBy(() -> studio.cacheAndCosts().budgets().admit("openai")).isInstanceOf(BudgetExceededException.class);
        }

        try (Studio restarted = Studio.start(paths())) {
            assertThat(restarted.cacheAndCosts().budgets().status("openai").spentUsd()).isEqualByComparingTo("1.00");
            assertThatThrownBy(() -> restarted.cacheAndCosts().budgets().admit("openai")).isInstanceOf(BudgetExceededException.class);

            restarted.updateConfig(c -> c.withProvider(c.provider("openai").orElseThrow().withBudget(new BudgetSettings(5.0, 80, true))));

            assertThat(restarted.cacheAndCosts().budgets().admit("openai").limitUsd()).isEqualByComparingTo("5.0");
            // The dashboard's gauges read the same ledger: yesterday's run's dollar and today's new limit.
            assertThat(restarted.meters().get("studio.cost.today.usd").tag("provider", "openai").gauge().value()).isEqualTo(1.0);
            assertThat(restarted.meters().get("studio.cost.budget.usd").tag("provider", "openai").gauge().value()).isEqualTo(5.0);
            assertThat(restarted.meters().get("studio.cache.entries").gauge().value()).isZero();
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            {"prices": {"gpt-4o": {"output": -1}}}                               | prices.gpt-4o.output: must be a price of 0 or more
            {"prices": {"sonar": {"requestFeesPerThousand": {"huge": 1}}}}       | prices.sonar.requestFeesPerThousand: sizes are low, medium and high
            {"providers": [{"id": "openai", "budget": {"dailyLimitUsd": -3}}]}   | budget.dailyLimitUsd: must be 0 (no budget) or a positive amount
            {"providers": [{"id": "openai", "budget": {"warnAtPercent": 0}}]}    | budget.warnAtPercent: must be between 1 and 100
            """)
    void rejectsABadBudgetOrPriceInTheSettingsFile(String file, String problem) throws Exception {
        Files.writeString(dir.resolve("config.json"), file);

        try (Studio studio = Studio.start(paths())) {
            assertThat(studio.configProblem()).get().asString().contains(problem);
        }
    }
}
