package dev.localagent.studio.sim;

import java.time.Clock;
import java.time.Duration;

/**
 * A persona's server-side limit on requests and tokens per minute, as two token buckets that
 * refill continuously (a full bucket per minute). A request that does not fit is refused and
 * consumes nothing; the verdict carries what OpenAI's {@code x-ratelimit-*} headers and every
 * persona's retry hint are made from. Time comes from the clock. Thread-safe.
 */
final class RateLimiter {

    private final int rpm;
    private final int tpm;
    private final Clock clock;
    private double requestLevel;
    private double tokenLevel;
    private long lastNanos;

    RateLimiter(int rpm, int tpm, Clock clock) {
        this.rpm = rpm;
        this.tpm = tpm;
        this.clock = clock;
        this.requestLevel = rpm;
        this.tokenLevel = tpm;
        this.lastNanos = nanos();
    }

    boolean matches(int rpm, int tpm) {
        return this.rpm == rpm && this.tpm == tpm;
    }

    /** Takes one request and {@code tokens} tokens if both fit. */
    synchronized Verdict acquire(int tokens) {
        refill();
        String exhausted = null;
        Duration retry = Duration.ZERO;
        if (rpm > 0 && requestLevel < 1) {
            exhausted = "requests";
            retry = wait(1 - requestLevel, rpm);
        } else if (tpm > 0 && tokenLevel < tokens) {
            exhausted = "tokens";
            retry = wait(Math.min(tokens, tpm) - tokenLevel, tpm);
        }
        if (exhausted == null) {
            if (rpm > 0) {
                requestLevel -= 1;
            }
            if (tpm > 0) {
                tokenLevel -= tokens;
            }
        }
        return new Verdict(exhausted, tokens, rpm, (int) Math.floor(Math.max(0, requestLevel)), rpm > 0 ? wait(rpm - requestLevel, rpm) : Duration.ZERO,
                tpm, (int) Math.floor(Math.max(0, tokenLevel)), tpm > 0 ? wait(tpm - tokenLevel, tpm) : Duration.ZERO, retry);
    }

    private void refill() {
        long now = nanos();
        double minutes = (now - lastNanos) / 60e9;
        lastNanos = now;
        requestLevel = Math.min(rpm, requestLevel + minutes * rpm);
        tokenLevel = Math.min(tpm, tokenLevel + minutes * tpm);
    }

    private static Duration wait(double missing, int perMinute) {
        return Duration.ofNanos((long) Math.ceil(Math.max(0, missing) / perMinute * 60e9));
    }

    private long nanos() {
        var i = clock.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    /**
     * @param exhausted {@code requests} or {@code tokens} when refused, {@code null} when allowed
     * @param retryAfter how long until the refused request would fit
     */
    record Verdict(String exhausted, int requested, int limitRequests, int remainingRequests, Duration resetRequests,
            int limitTokens, int remainingTokens, Duration resetTokens, Duration retryAfter) {

        boolean allowed() {
            return exhausted == null;
        }

        int usedTokens() {
            return limitTokens - remainingTokens;
        }
    }
}
