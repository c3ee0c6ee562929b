package dev.localagent.studio.ui.chat;

import dev.localagent.studio.model.ChatResult;
import dev.localagent.studio.model.ClientTimings;
import dev.localagent.studio.model.Usage;
import dev.localagent.studio.service.resilience.BreakerState;
import dev.localagent.studio.service.resilience.CallRecord;
import dev.localagent.studio.service.resilience.PipelineResult;
import dev.localagent.studio.service.resilience.RetryDelay;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The facts shown under a reply, as short phrases: what it cost, how fast it came, what the client layer did. */
final class ReplyFacts {

    private ReplyFacts() {}

    static List<String> of(PipelineResult answered) {
        ChatResult r = answered.result();
        CallRecord record = answered.record();
        List<String> facts = new ArrayList<>();
        Usage u = r.usage();
        String estimated = u.estimated() ? " (estimated)" : "";
        facts.add("in " + count(u.promptTokens()) + " · out " + count(u.completionTokens()) + " tokens" + estimated);
        ClientTimings t = r.clientTimings();
        if (!record.cacheHit()) {
            if (t.timeToFirstTokenNanos() >= 0) {
                facts.add("TTFT " + millis(t.timeToFirstTokenNanos()));
            }
            String rate = rate(r);
            if (rate != null) {
                facts.add(rate + " tokens/s");
            }
            if (t.endToEndNanos() >= 0) {
                facts.add("total " + seconds(t.endToEndNanos()));
            }
        }
        answered.cost().ifPresent(c -> facts.add(usd(c.total()) + (c.estimated() ? " (estimated)" : "")));
        if (record.cacheHit() && record.cacheSaved() != null) {
            facts.add("CACHE HIT · saved " + millis(record.cacheSaved().latencyNanos()) + ", " + record.cacheSaved().tokens()
                    + " tokens, " + usd(record.cacheSaved().costUsd()));
        }
        if (!record.retryDelays().isEmpty()) {
            long waited = record.retryDelays().stream().mapToLong(d -> d.delay().toMillis()).sum();
            facts.add(record.retryDelays().size() + (record.retryDelays().size() == 1 ? " retry" : " retries") + ", waited " + waited
                    + " ms (" + record.retryDelays().stream().map(RetryDelay::reason).distinct().findFirst().orElse("") + ")");
        }
        if (!record.rateLimitWait().isZero()) {
            facts.add("rate limit wait " + record.rateLimitWait().toMillis() + " ms");
        }
        if (record.breakerStateAtSend() != BreakerState.CLOSED) {
            facts.add("breaker " + record.breakerStateAtSend().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " at send");
        }
        if (record.fallbackProvider() != null) {
            facts.add("answered by " + record.fallbackProvider());
        }
        return facts;
    }

    /** Output tokens over the time after the first one. */
    static String rate(ChatResult r) {
        ClientTimings t = r.clientTimings();
        Integer out = r.usage().completionTokens();
        long generating = t.endToEndNanos() - Math.max(0, t.timeToFirstTokenNanos());
        if (out == null || out < 2 || generating <= 0 || t.timeToFirstTokenNanos() < 0) {
            return null;
        }
        return String.format(Locale.ROOT, "%.1f", (out - 1) / (generating / 1e9));
    }

    static String usd(BigDecimal amount) {
        if (amount.signum() == 0) {
            return "$0";
        }
        int scale = amount.abs().compareTo(new BigDecimal("0.10")) < 0 ? 5 : 2;
        return "$" + amount.setScale(scale, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private static String count(Integer n) {
        return n == null ? "?" : n.toString();
    }

    private static String millis(long nanos) {
        return Math.round(nanos / 1e6) + " ms";
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }
}
