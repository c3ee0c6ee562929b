package dev.localagent.studio.app;

import dev.localagent.studio.service.cache.ResponseCache;
import dev.localagent.studio.service.config.ProviderConfig;
import dev.localagent.studio.service.config.StudioConfig;
import dev.localagent.studio.service.store.SpendStore;
import dev.localagent.studio.service.tokens.BudgetGuard;
import dev.localagent.studio.service.tokens.CostCalculator;
import dev.localagent.studio.service.tokens.CostLedger;
import dev.localagent.studio.service.tokens.PriceTable;
import dev.localagent.studio.service.tokens.TokenCounter;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The response cache, token counting, prices, the spend ledger and budgets, built once from the
 * settings and kept in step with them: a changed strategy, bound, budget or price applies to the
 * next call. Thread-safe.
 */
public final class CacheAndCosts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CacheAndCosts.class);

    private final ResponseCache responseCache;
    private final TokenCounter tokenCounter = new TokenCounter();
    private final SpendStore spendStore;
    private final CostLedger ledger;
    private final BudgetGuard budgets;
    private volatile CostCalculator costs;

    private CacheAndCosts(StudioConfig config, SpendStore spendStore, Clock clock) {
        this.responseCache = new ResponseCache(config.cache(), clock);
        this.spendStore = spendStore;
        this.ledger = new CostLedger(spendStore, clock);
        this.budgets = new BudgetGuard(ledger);
        apply(config);
    }

    /** Opens the spend tables in the data folder's database and applies the settings. */
    public static CacheAndCosts open(StudioConfig config, Path databaseFile, Clock clock) throws IOException {
        try {
            return new CacheAndCosts(config, SpendStore.open(databaseFile), clock);
        } catch (SQLException e) {
            throw new IOException("cannot open the spend records in " + databaseFile + ": " + e.getMessage(), e);
        }
    }

    /** Takes in changed settings; called on every config change. */
    public void apply(StudioConfig config) {
        responseCache.limits(config.cache());
        for (ProviderConfig p : config.providers()) {
            responseCache.configure(p.id(), p.cache());
            budgets.configure(p.id(), p.budget());
        }
        PriceTable bundled = PriceTable.bundled();
        try {
            costs = new CostCalculator(bundled.withOverrides(config.prices()));
        } catch (IllegalArgumentException e) {
            LOG.warn("Price overrides in the settings ignored, using the table of {}: {}", bundled.asOf(), e.getMessage());
            costs = new CostCalculator(bundled);
        }
    }

    public ResponseCache responseCache() {
        return responseCache;
    }

    public TokenCounter tokenCounter() {
        return tokenCounter;
    }

    public CostCalculator costs() {
        return costs;
    }

    public CostLedger ledger() {
        return ledger;
    }

    public BudgetGuard budgets() {
        return budgets;
    }

    @Override
    public void close() throws SQLException {
        spendStore.close();
    }
}
