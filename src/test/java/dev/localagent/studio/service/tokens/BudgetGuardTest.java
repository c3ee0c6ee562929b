package dev.localagent.studio.service.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localagent.studio.model.Usage;
import dev.localagent.studio.service.config.BudgetSettings;
import dev.localagent.studio.service.store.SpendStore;
import dev.localagent.studio.testsupport.FakeClock;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BudgetGuardTest {

    private static final Usage USAGE = new Usage(1_000, 500, null, null, false);
    private static final BudgetSettings ONE_DOLLAR = new BudgetSettings(1.00, 80, true);

    @TempDir
    Path dir;

    private final FakeClock clock = new FakeClock(Instant.parse("2026-11-29T09:00:00Z"), ZoneId.of("Europe/Oslo"));
    private SpendStore store;
    private CostLedger ledger;
    private BudgetGuard guard;

    @BeforeEach
    void open() throws Exception {
        store = SpendStore.open(dir.resolve("studio.db"));
        ledger = new CostLedger(store, clock);
        guard = new BudgetGuard(ledger);
        guard.configure("openai", ONE_DOLLAR);
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    private void spend(String provider, String amount) {
        ledger.record(provider, "c1", "gpt-4o", USAGE, costOf(amount));
    }

    private static CostBreakdown costOf(String usd) {
        BigDecimal z = BigDecimal.ZERO;
        return new CostBreakdown(new BigDecimal(usd), z, z, z, z, z, z, false, "test");
    }

    @Test
    void warnsFromTheThresholdAndBlocksAtTheLimitWithAClearMessage() {
        spend("openai", "0.79");
        assertThat(guard.admit("openai").level()).isEqualTo(BudgetStatus.Level.OK);

        spend("openai", "0.01");
        BudgetStatus warning = guard.admit("openai");
        assertThat(warning.level()).isEqualTo(BudgetStatus.Level.WARNING);
        assertThat(warning.message()).isEqualTo("Nearing the daily budget for openai: $0.80 of the $1.00 daily budget spent (80%).");

        spend("openai", "0.20");
        assertThatThrownBy(() -> guard.admit("openai"))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessage("Daily budget for openai reached: $1.00 of the $1.00 daily budget spent (100%) on 2026-11-29. "
                        + "Calls are blocked until tomorrow; raise the limit in Settings to go on today.");
    }

    @Test
    void spendSurvivesARestart() throws Exception {
        spend("openai", "1.50");
        store.close();

        store = SpendStore.open(dir.resolve("studio.db"));
        BudgetGuard afterRestart = new BudgetGuard(new CostLedger(store, clock));
        afterRestart.configure("openai", ONE_DOLLAR);

        assertThat(afterRestart.status("openai").spentUsd()).isEqualByComparingTo("1.50");
        assertThatThrownBy(() -> afterRestart.admit("openai")).isInstanceOf(BudgetExceededException.class);
    }

    @Test
    void aNewDayInTheAppsTimeZoneStartsFromZero() {
        spend("openai", "1.00");
        // 22:59 UTC is 23:59 in Oslo: still the same day there.
        clock.set(Instant.parse("2026-11-29T22:59:00Z"));
        assertThat(guard.status("openai").level()).isEqualTo(BudgetStatus.Level.REACHED);

        clock.advance(Duration.ofMinutes(1)); // midnight in Oslo

        BudgetStatus tomorrow = guard.admit("openai");
        assertThat(tomorrow.day()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(tomorrow.spentUsd()).isEqualByComparingTo("0");
        assertThat(ledger.spentOn("openai", LocalDate.of(2026, 11, 29))).isEqualByComparingTo("1.00");
    }

    @Test
    void aBudgetThatOnlyWarnsLetsCallsThrough() {
        guard.configure("openai", new BudgetSettings(1.00, 80, false));
        spend("openai", "2.00");

        BudgetStatus status = guard.admit("openai");

        assertThat(status.level()).isEqualTo(BudgetStatus.Level.REACHED);
        assertThat(status.message()).contains("Not blocking, as configured");
    }

    @Test
    void budgetsArePerProviderAndNoBudgetNeverBlocks() {
        spend("gemini", "100.00");

        assertThat(guard.admit("gemini").level()).isEqualTo(BudgetStatus.Level.NONE);
        assertThat(guard.admit("openai").level()).isEqualTo(BudgetStatus.Level.OK);
    }

    @Test
    void tinySpendsStayExactAndReadable() {
        // 1000 replies of 75 nano-dollars each (one gpt-4o-mini cached-input token at $0.075/M) add up exactly.
        for (int i = 0; i < 1_000; i++) {
            ledger.record("openai", null, "gpt-4o-mini", USAGE, costOf("0.000000075"));
        }

        assertThat(ledger.spentToday("openai")).isEqualByComparingTo("0.000075");
        assertThat(guard.status("openai").message()).startsWith("openai: $0.0001 of the $1.00 daily budget spent (0%)");
    }

    @Test
    void sumsPerConversationAndPerProviderForTheDay() {
        spend("openai", "0.10");
        ledger.record("gemini", "c1", "gemini-2.5-flash", USAGE, costOf("0.05"));
        ledger.record("gemini", "c2", "gemini-2.5-flash", USAGE, costOf("0.01"));

        assertThat(ledger.spentOnConversation("c1")).isEqualByComparingTo("0.15");
        assertThat(ledger.spentByProviderOn(ledger.today())).containsOnlyKeys("openai", "gemini");
        assertThat(ledger.spentByProviderOn(ledger.today()).get("gemini")).isEqualByComparingTo("0.06");
    }

    @Test
    void theDashboardGaugesShowTodaysSpendAndTheLimit() {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        CostMeters.bind(registry, guard, "openai");
        spend("openai", "0.25");

        assertThat(registry.get("studio.cost.today.usd").tag("provider", "openai").gauge().value()).isEqualTo(0.25);
        assertThat(registry.get("studio.cost.budget.usd").tag("provider", "openai").gauge().value()).isEqualTo(1.0);
    }
}
