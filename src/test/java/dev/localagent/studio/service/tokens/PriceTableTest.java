package dev.localagent.studio.service.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localagent.studio.service.config.PriceOverride;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceTableTest {

    private final PriceTable table = PriceTable.bundled();

    @Test
    void theBundledTableIsDatedAndHoldsEveryModelOfTheReference() {
        assertThat(table.asOf()).isEqualTo(LocalDate.of(2026, 7, 30));
        assertThat(table.all().keySet()).containsExactlyInAnyOrder(
                "gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "o3", "o4-mini", "gpt-5", "gpt-5-mini", "gpt-5-nano",
                "gemini-2.0-flash", "gemini-2.5-flash-lite", "gemini-2.5-flash", "gemini-2.5-pro", "gemini-3-pro-preview",
                "gemini-3-flash-preview", "sonar", "sonar-pro", "sonar-reasoning-pro", "sonar-deep-research");
        ModelPrice gpt5 = table.find("gpt-5").orElseThrow();
        assertThat(gpt5.input()).isEqualByComparingTo("1.25");
        assertThat(gpt5.cachedInput()).isEqualByComparingTo("0.125");
        assertThat(gpt5.output()).isEqualByComparingTo("10.00");
    }

    @Test
    void findsSnapshotsButNotLookalikes() {
        assertThat(table.find("gpt-4o-2024-08-06")).get().extracting(ModelPrice::model).isEqualTo("gpt-4o");
        assertThat(table.find("gemini-2.0-flash-001")).get().extracting(ModelPrice::model).isEqualTo("gemini-2.0-flash");
        assertThat(table.find("GPT-4O-MINI")).get().extracting(ModelPrice::model).isEqualTo("gpt-4o-mini");
        assertThat(table.find("gpt-4o-mini")).get().extracting(ModelPrice::model).isEqualTo("gpt-4o-mini");
        assertThat(table.find("o3-mini")).isEmpty();
        assertThat(table.find("gpt-4o-audio-preview")).isEmpty();
        assertThat(table.find("llama3.2")).isEmpty();
    }

    @Test
    void aNewModelInConfigNeedsBothInputAndOutputPrices() {
        assertThatThrownBy(() -> table.withOverrides(Map.of("my-model", new PriceOverride(1.0, null, null, null))))
                .hasMessageContaining("prices.my-model").hasMessageContaining("both input and output");
    }
}
