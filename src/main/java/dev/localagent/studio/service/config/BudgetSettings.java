package dev.localagent.studio.service.config;

/**
 * One provider's daily spending budget, in US dollars. A limit of 0 means no budget.
 *
 * @param dailyLimitUsd the most to spend per calendar day (the app's time zone)
 * @param warnAtPercent the share of the limit at which the user is warned
 * @param blockAtLimit whether calls are refused once the limit is reached, or only warned about
 */
public record BudgetSettings(double dailyLimitUsd, int warnAtPercent, boolean blockAtLimit) {

    public static final BudgetSettings DEFAULT = new BudgetSettings(0, 80, true);

    public boolean hasLimit() {
        return dailyLimitUsd > 0;
    }
}
