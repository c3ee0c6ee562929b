package dev.localagent.studio.service.tokens;

import dev.localagent.studio.model.Usage;
import dev.localagent.studio.service.store.SpendRow;
import dev.localagent.studio.service.store.SpendStore;
import dev.localagent.studio.service.store.StoreException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The record of what replies cost: per reply as it is written, and summed per conversation, per
 * provider and per day. A day is a calendar day in the clock's time zone, fixed when the reply is
 * recorded. Thread-safe.
 */
public final class CostLedger {

    static final BigDecimal NANOS_PER_DOLLAR = BigDecimal.valueOf(1_000_000_000L);

    private final SpendStore store;
    private final Clock clock;

    public CostLedger(SpendStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Records one priced reply. */
    public void record(String providerId, String conversationId, String model, Usage usage, CostBreakdown cost) {
        SpendRow row = new SpendRow(clock.instant(), today(), providerId, conversationId, model, usage.promptTokens(), usage.completionTokens(),
                toNanos(cost.total()), cost.estimated() || usage.estimated());
        try {
            store.append(row);
        } catch (SQLException e) {
            throw new StoreException("could not record the cost of a reply from " + providerId, e);
        }
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public BigDecimal spentToday(String providerId) {
        return spentOn(providerId, today());
    }

    public BigDecimal spentOn(String providerId, LocalDate day) {
        return query(() -> toUsd(store.spentOn(providerId, day)), "the spend of " + providerId + " on " + day);
    }

    public Map<String, BigDecimal> spentByProviderOn(LocalDate day) {
        return query(() -> {
            Map<String, BigDecimal> out = new LinkedHashMap<>();
            store.spentByProviderOn(day).forEach((provider, nanos) -> out.put(provider, toUsd(nanos)));
            return out;
        }, "the spend on " + day);
    }

    public Map<LocalDate, BigDecimal> dailySpend(String providerId, LocalDate from, LocalDate to) {
        return query(() -> {
            Map<LocalDate, BigDecimal> out = new LinkedHashMap<>();
            store.dailySpend(providerId, from, to).forEach((day, nanos) -> out.put(day, toUsd(nanos)));
            return out;
        }, "the daily spend of " + providerId);
    }

    public BigDecimal spentOnConversation(String conversationId) {
        return query(() -> toUsd(store.spentOnConversation(conversationId)), "the spend of a conversation");
    }

    public BigDecimal spentByProvider(String providerId) {
        return query(() -> toUsd(store.spentByProvider(providerId)), "the spend of " + providerId);
    }

    /** Rounds half-up to whole nano-dollars; list prices never go below that. */
    static long toNanos(BigDecimal usd) {
        return usd.multiply(NANOS_PER_DOLLAR).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    static BigDecimal toUsd(long nanos) {
        return BigDecimal.valueOf(nanos, 9).stripTrailingZeros();
    }

    private interface Query<T> {
        T run() throws SQLException;
    }

    private static <T> T query(Query<T> q, String what) {
        try {
            return q.run();
        } catch (SQLException e) {
            throw new StoreException("could not read " + what, e);
        }
    }
}
