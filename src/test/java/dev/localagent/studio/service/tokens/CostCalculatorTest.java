package dev.localagent.studio.service.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localagent.studio.model.ProviderKind;
import dev.localagent.studio.model.Usage;
import dev.localagent.studio.service.config.PriceOverride;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every expected figure is worked out by hand from the dated table in PROTOCOLS.md §7. */
class CostCalculatorTest {

    private final CostCalculator calculator = new CostCalculator(PriceTable.bundled());

    private CostBreakdown cost(ProviderKind kind, String model, Usage usage, WebSearchUsage search) {
        return calculator.cost(kind, model, usage, search).orElseThrow();
    }

    private static Usage usage(int prompt, int completion, Integer cached, Integer reasoning) {
        return new Usage(prompt, completion, cached, reasoning, false);
    }

    @Test
    void billsCachedPromptTokensAtTheCachedRate() {
        // gpt-4o-mini: 600 uncached x $0.15/M + 400 cached x $0.075/M + 500 out x $0.60/M
        CostBreakdown c = cost(ProviderKind.OPENAI, "gpt-4o-mini", usage(1_000, 500, 400, null), WebSearchUsage.NONE);

        assertThat(c.input()).isEqualByComparingTo("0.00009");
        assertThat(c.cachedInput()).isEqualByComparingTo("0.00003");
        assertThat(c.output()).isEqualByComparingTo("0.0003");
        assertThat(c.total()).isEqualByComparingTo("0.00042");
        assertThat(c.priceSource()).isEqualTo("price table of 2026-07-30");
    }

    @Test
    void aDatedSnapshotCostsWhatItsModelCosts() {
        assertThat(cost(ProviderKind.OPENAI, "gpt-4o-mini-2024-07-18", usage(1_000, 500, 400, null), WebSearchUsage.NONE).total())
                .isEqualByComparingTo("0.00042");
    }

    @Test
    void billsCachedTokensAtTheInputRateWhereThereIsNoCachedRate() {
        // gemini-2.0-flash lists no cached price: 1000 cached x $0.10/M
        assertThat(cost(ProviderKind.GEMINI, "gemini-2.0-flash", usage(1_000, 0, 1_000, null), WebSearchUsage.NONE).total())
                .isEqualByComparingTo("0.0001");
    }

    @Test
    void openAiReasoningIsAlreadyInsideTheCompletionCount() {
        // o3: 100 x $2/M + 1000 x $8/M; the 800 reasoning tokens are part of the 1000
        CostBreakdown c = cost(ProviderKind.OPENAI, "o3", usage(100, 1_000, null, 800), WebSearchUsage.NONE);

        assertThat(c.total()).isEqualByComparingTo("0.0082");
        assertThat(c.reasoning()).isEqualByComparingTo("0");
    }

    @Test
    void geminiThinkingTokensAreBilledAsOutput() {
        // gemini-2.5-flash: 1000 x $0.30/M + (200 + 800 thinking) x $2.50/M
        assertThat(cost(ProviderKind.GEMINI, "models/gemini-2.5-flash", usage(1_000, 200, null, 800), WebSearchUsage.NONE).total())
                .isEqualByComparingTo("0.0028");
    }

    @Test
    void geminiProChargesTheHigherTierAbove200kPromptTokens() {
        // At 200,000 (not above): 200000 x $1.25/M + 3000 x $10/M = 0.25 + 0.03
        assertThat(cost(ProviderKind.GEMINI, "gemini-2.5-pro", usage(200_000, 1_000, null, 2_000), WebSearchUsage.NONE).total())
                .isEqualByComparingTo("0.28");
        // Above: 250000 x $2.50/M + 3000 x $15/M = 0.625 + 0.045
        assertThat(cost(ProviderKind.GEMINI, "gemini-2.5-pro", usage(250_000, 1_000, null, 2_000), WebSearchUsage.NONE).total())
                .isEqualByComparingTo("0.67");
    }

    @Test
    void perplexityAddsItsRequestFeeByContextSize() {
        // PROTOCOLS.md §5.2's sonar example: 9 in, 402 out, low context -> total_cost 0.005411
        CostBreakdown c = cost(ProviderKind.PERPLEXITY, "sonar", usage(9, 402, null, null), WebSearchUsage.of(SearchContextSize.LOW));

        assertThat(c.requestFee()).isEqualByComparingTo("0.005");
        assertThat(c.total()).isEqualByComparingTo("0.005411");
        // sonar-pro, high: 1000 x $3/M + 2000 x $15/M + $14/1000
        assertThat(cost(ProviderKind.PERPLEXITY, "sonar-pro", usage(1_000, 2_000, null, null), WebSearchUsage.of(SearchContextSize.HIGH)).total())
                .isEqualByComparingTo("0.047");
    }

    @Test
    void deepResearchBillsCitationsReasoningAndSearchQueries() {
        // 100 x $2/M + 1000 x $8/M + 10000 reasoning x $3/M + 5000 citation x $2/M + 3 queries x $5/1000
        CostBreakdown c = cost(ProviderKind.PERPLEXITY, "sonar-deep-research", usage(100, 1_000, null, 10_000),
                new WebSearchUsage(SearchContextSize.LOW, 5_000, 3));

        assertThat(c.reasoning()).isEqualByComparingTo("0.03");
        assertThat(c.citations()).isEqualByComparingTo("0.01");
        assertThat(c.searchQueries()).isEqualByComparingTo("0.015");
        assertThat(c.requestFee()).isEqualByComparingTo("0");
        assertThat(c.total()).isEqualByComparingTo("0.0632");
    }

    @Test
    void localModelsCostNothing() {
        CostBreakdown c = cost(ProviderKind.OLLAMA, "llama3.2", usage(5_000, 5_000, null, null), WebSearchUsage.NONE);

        assertThat(c.total()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(c.priceSource()).isEqualTo("local model");
    }

    @Test
    void aModelWithoutAPriceOrAReplyWithoutUsageHasNoCost() {
        assertThat(calculator.cost(ProviderKind.OPENAI, "o3-mini", usage(1, 1, null, null), WebSearchUsage.NONE))
                .as("o3-mini is not o3").isEmpty();
        assertThat(calculator.cost(ProviderKind.OPENAI, "gpt-4o", Usage.UNKNOWN, WebSearchUsage.NONE)).isEmpty();
    }

    @Test
    void estimatedUsageGivesAnEstimatedCost() {
        assertThat(cost(ProviderKind.OPENAI, "gpt-4o", new Usage(10, 10, null, null, true), WebSearchUsage.NONE).estimated()).isTrue();
    }

    @Test
    void configPricesOverrideTheTableAndAddModels() {
        CostCalculator custom = new CostCalculator(PriceTable.bundled().withOverrides(Map.of(
                "gpt-4o-mini", new PriceOverride(0.20, null, null, null),
                "my-vllm-model", new PriceOverride(1.0, null, 2.0, null),
                "sonar", new PriceOverride(null, null, null, Map.of("low", 6.0)))));

        // 600 x $0.20/M + 400 x $0.075/M (kept) + 500 x $0.60/M (kept)
        CostBreakdown mini = custom.cost(ProviderKind.OPENAI, "gpt-4o-mini", usage(1_000, 500, 400, null), WebSearchUsage.NONE).orElseThrow();
        assertThat(mini.total()).isEqualByComparingTo("0.00045");
        assertThat(mini.priceSource()).isEqualTo("config");
        // 1000 x $1/M + 1000 x $2/M
        assertThat(custom.cost(ProviderKind.OPENAI, "my-vllm-model", usage(1_000, 1_000, null, null), WebSearchUsage.NONE).orElseThrow().total())
                .isEqualByComparingTo("0.003");
        assertThat(custom.cost(ProviderKind.PERPLEXITY, "sonar", usage(0, 0, null, null), WebSearchUsage.NONE).orElseThrow().requestFee())
                .isEqualByComparingTo("0.006");
    }
}
