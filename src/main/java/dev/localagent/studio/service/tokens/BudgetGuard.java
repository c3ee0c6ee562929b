package dev.localagent.studio.service.tokens;

import dev.localagent.studio.service.config.BudgetSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Daily budgets per provider: warns from a threshold, refuses calls once the limit is reached (when
 * the budget says to block). The spend comes from the ledger, so it survives restarts; a new day
 * starts from zero. Settings change at run time. Thread-safe.
 */
public final class BudgetGuard {

    private final CostLedger ledger;
    private final Map<String, BudgetSettings> budgets = new ConcurrentHashMap<>();

    public BudgetGuard(CostLedger ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
    }

    public void configure(String providerId, BudgetSettings budget) {
        budgets.put(providerId, Objects.requireNonNull(budget, "budget"));
    }

    public BudgetSettings budget(String providerId) {
        return budgets.getOrDefault(providerId, BudgetSettings.DEFAULT);
    }

    public BudgetStatus status(String providerId) {
        BudgetSettings budget = budget(providerId);
        LocalDate day = ledger.today();
        BigDecimal spent = ledger.spentOn(providerId, day);
        if (!budget.hasLimit()) {
            return new BudgetStatus(providerId, BudgetStatus.Level.NONE, day, spent, null,
                    providerId + ": " + usd(spent) + " spent today; no daily budget set");
        }
        BigDecimal limit = BigDecimal.valueOf(budget.dailyLimitUsd());
        BigDecimal warnAt = limit.multiply(BigDecimal.valueOf(budget.warnAtPercent())).movePointLeft(2);
        String ofLimit = usd(spent) + " of the " + usd(limit) + " daily budget spent (" + percent(spent, limit) + ")";
        if (spent.compareTo(limit) >= 0) {
            String message = budget.blockAtLimit()
                    ? "Daily budget for " + providerId + " reached: " + ofLimit + " on " + day
                            + ". Calls are blocked until tomorrow; raise the limit in Settings to go on today."
                    : "Daily budget for " + providerId + " exceeded: " + ofLimit + " on " + day + ". Not blocking, as configured.";
            return new BudgetStatus(providerId, BudgetStatus.Level.REACHED, day, spent, limit, message);
        }
        if (spent.compareTo(warnAt) >= 0) {
            return new BudgetStatus(providerId, BudgetStatus.Level.WARNING, day, spent, limit,
                    "Nearing the daily budget for " + providerId + ": " + ofLimit + ".");
        }
        return new BudgetStatus(providerId, BudgetStatus.Level.OK, day, spent, limit, providerId + ": " + ofLimit);
    }

    /**
     * Lets a call through, or refuses it when its provider's budget is reached and blocks.
     *
     * @return the status, so the caller can show a warning
     * @throws BudgetExceededException when the call must not be sent
     */
    public BudgetStatus admit(String providerId) {
        BudgetStatus status = status(providerId);
        if (status.level() == BudgetStatus.Level.REACHED && budget(providerId).blockAtLimit()) {
            throw new BudgetExceededException(status);
        }
        return status;
    }

    /** Dollars with cents, or with four decimals below a dime, where cents would round a real spend to $0.00. */
    static String usd(BigDecimal amount) {
        int scale = amount.abs().compareTo(new BigDecimal("0.10")) < 0 && amount.signum() != 0 ? 4 : 2;
        return "$" + amount.setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }

    private static String percent(BigDecimal spent, BigDecimal limit) {
        return spent.multiply(BigDecimal.valueOf(100)).divide(limit, 0, RoundingMode.HALF_UP) + "%";
    }
}
