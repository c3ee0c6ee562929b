package dev.localagent.studio.service.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks the meaning of a parsed configuration: ranges, relations between fields, unique ids. */
final class ConfigValidator {

    /**
     * One broken rule.
     *
     * @param providerId the provider the field belongs to, or null for a top-level field
     * @param field the field's path inside the provider (or from the top), dotted
     */
    record Violation(String providerId, String field, String message) {}

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private final List<Violation> violations = new ArrayList<>();
    private String providerId;

    static List<Violation> validate(StudioConfig config) {
        ConfigValidator v = new ConfigValidator();
        v.check(config);
        return List.copyOf(v.violations);
    }

    private void check(StudioConfig config) {
        if (config.version() > StudioConfig.CURRENT_VERSION) {
            fail("version", "was written by a newer version of LocalAgent Studio (format " + config.version()
                    + ", this build reads " + StudioConfig.CURRENT_VERSION + ")");
        }
        atLeast("http.maxTotalConnections", config.http().maxTotalConnections(), 1);
        atLeast("http.dnsCacheTtlSeconds", config.http().dnsCacheTtlSeconds(), 0);
        atLeast("http.shutdownGraceMs", config.http().shutdownGraceMs(), 0);
        atLeast("http.maxResponseBytes", config.http().maxResponseBytes(), 1024);
        atLeast("cache.maxEntries", config.cache().maxEntries(), 0);
        atLeast("cache.maxBytes", config.cache().maxBytes(), 0);
        atLeast("cache.compressAboveBytes", config.cache().compressAboveBytes(), 0);
        between("cache.compressionLevel", config.cache().compressionLevel(), 1, 9);
        config.prices().forEach(this::checkPrice);

        Set<String> seen = new HashSet<>();
        for (ProviderConfig p : config.providers()) {
            providerId = p.id();
            if (!ID.matcher(p.id()).matches()) {
                fail("id", "must be lower-case letters, digits, '.', '_' or '-' (was '" + p.id() + "')");
            }
            if (!seen.add(p.id())) {
                fail("id", "'" + p.id() + "' is used by more than one provider");
            }
            checkProvider(p, config.http());
        }
        for (ProviderConfig p : config.providers()) {
            providerId = p.id();
            for (String next : p.fallback()) {
                if (next.equals(p.id())) {
                    fail("fallback", "cannot name the provider itself");
                } else if (!seen.contains(next)) {
                    fail("fallback", "names '" + next + "', which is not a configured provider");
                }
            }
        }
        providerId = null;
    }

    private void checkProvider(ProviderConfig p, HttpSettings http) {
        if (!p.simulator()) {
            checkBaseUrl(p.baseUrl());
        }
        TimeoutSettings t = p.timeouts();
        atLeast("timeouts.connectMs", t.connectMs(), 1);
        atLeast("timeouts.firstTokenMs", t.firstTokenMs(), 1);
        atLeast("timeouts.idleMs", t.idleMs(), 1);
        atLeast("timeouts.totalMs", t.totalMs(), 1);

        PoolSettings pool = p.pool();
        between("pool.maxConnections", pool.maxConnections(), 1, http.maxTotalConnections());
        atLeast("pool.connectionTtlMs", pool.connectionTtlMs(), 1);
        atLeast("pool.idleEvictMs", pool.idleEvictMs(), 1);

        BreakerSettings b = p.breaker();
        if (!b.mode().equals("count") && !b.mode().equals("time")) {
            fail("breaker.mode", "must be \"count\" or \"time\" (was \"" + b.mode() + "\")");
        }
        atLeast("breaker.failureThreshold", b.failureThreshold(), 1);
        if (b.mode().equals("count") && b.failureThreshold() > b.windowCalls()) {
            fail("breaker.failureThreshold", "cannot exceed breaker.windowCalls (" + b.windowCalls() + ")");
        }
        atLeast("breaker.windowCalls", b.windowCalls(), 1);
        between("breaker.failureRatePercent", b.failureRatePercent(), 1, 100);
        atLeast("breaker.windowMs", b.windowMs(), 1);
        atLeast("breaker.minimumCalls", b.minimumCalls(), 1);
        atLeast("breaker.openDelayMs", b.openDelayMs(), 0);
        atLeast("breaker.successThreshold", b.successThreshold(), 1);
        atLeast("breaker.halfOpenMaxCalls", b.halfOpenMaxCalls(), 1);

        RateLimitSettings r = p.rateLimit();
        if (!(r.requestsPerSecond() > 0)) {
            fail("rateLimit.requestsPerSecond", "must be greater than 0 (was " + r.requestsPerSecond() + ")");
        }
        atLeast("rateLimit.burst", r.burst(), 1);
        atLeast("rateLimit.tokensPerMinute", r.tokensPerMinute(), 0);
        atLeast("rateLimit.maxWaitMs", r.maxWaitMs(), 0);

        RetrySettings retry = p.retry();
        atLeast("retry.maxAttempts", retry.maxAttempts(), 1);
        atLeast("retry.initialDelayMs", retry.initialDelayMs(), 0);
        atLeast("retry.maxDelayMs", retry.maxDelayMs(), retry.initialDelayMs());
        if (retry.jitterFactor() < 0 || retry.jitterFactor() > 1) {
            fail("retry.jitterFactor", "must be between 0 and 1 (was " + retry.jitterFactor() + ")");
        }
        atLeast("retry.maxTotalMs", retry.maxTotalMs(), 0);

        atLeast("cache.ttlSeconds", p.cache().ttlSeconds(), 0);

        BulkheadSettings bulkhead = p.bulkhead();
        atLeast("bulkhead.maxConcurrentCalls", bulkhead.maxConcurrentCalls(), 1);
        atLeast("bulkhead.maxQueuedCalls", bulkhead.maxQueuedCalls(), 0);
        atLeast("bulkhead.maxWaitMs", bulkhead.maxWaitMs(), 0);

        BudgetSettings budget = p.budget();
        if (!(budget.dailyLimitUsd() >= 0) || Double.isInfinite(budget.dailyLimitUsd())) {
            fail("budget.dailyLimitUsd", "must be 0 (no budget) or a positive amount (was " + budget.dailyLimitUsd() + ")");
        }
        between("budget.warnAtPercent", budget.warnAtPercent(), 1, 100);
    }

    private void checkPrice(String model, PriceOverride price) {
        String field = "prices." + model;
        if (price == null) {
            fail(field, "must be an object with input, cachedInput, output or requestFeesPerThousand");
            return;
        }
        notNegative(field + ".input", price.input());
        notNegative(field + ".cachedInput", price.cachedInput());
        notNegative(field + ".output", price.output());
        if (price.requestFeesPerThousand() != null) {
            price.requestFeesPerThousand().forEach((size, fee) -> {
                if (!size.equals("low") && !size.equals("medium") && !size.equals("high")) {
                    fail(field + ".requestFeesPerThousand", "sizes are low, medium and high (was \"" + size + "\")");
                }
                notNegative(field + ".requestFeesPerThousand." + size, fee);
            });
        }
    }

    private void notNegative(String field, Double value) {
        if (value != null && !(value >= 0 && !value.isInfinite())) {
            fail(field, "must be a price of 0 or more, in US dollars (was " + value + ")");
        }
    }

    private void checkBaseUrl(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            fail("baseUrl", "is required for a provider that is not simulated");
            return;
        }
        try {
            URI uri = new URI(baseUrl);
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                fail("baseUrl", "must be an http:// or https:// address with a host (was \"" + baseUrl + "\")");
            }
        } catch (URISyntaxException e) {
            fail("baseUrl", "is not a valid address: " + e.getReason() + " (was \"" + baseUrl + "\")");
        }
    }

    private void atLeast(String field, long value, long min) {
        if (value < min) {
            fail(field, "must be at least " + min + " (was " + value + ")");
        }
    }

    private void between(String field, long value, long min, long max) {
        if (value < min || value > max) {
            fail(field, "must be between " + min + " and " + max + " (was " + value + ")");
        }
    }

    private void fail(String field, String message) {
        violations.add(new Violation(providerId, field, message));
    }
}
