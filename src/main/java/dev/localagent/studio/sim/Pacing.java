package dev.localagent.studio.sim;

import java.time.Duration;

/**
 * How fast a simulated model answers: time to first token, tokens per second after it, random
 * jitter on each gap (a share of the gap, 0..1), and prompt processing time per prompt token,
 * which is added to the time to first token. Immutable.
 */
public record Pacing(Duration ttft, double tokensPerSecond, double jitter, Duration perPromptToken) {

    /** No waiting at all: for tests and throughput benchmarks. */
    public static final Pacing INSTANT = new Pacing(Duration.ZERO, 0, 0, Duration.ZERO);

    public Pacing {
        if (ttft.isNegative() || perPromptToken.isNegative() || tokensPerSecond < 0 || jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("pacing needs ttft >= 0, tokens/s >= 0, jitter 0..1, per-prompt-token >= 0");
        }
    }

    public static Pacing of(Duration ttft, double tokensPerSecond) {
        return new Pacing(ttft, tokensPerSecond, 0, Duration.ZERO);
    }

    /** Nominal gap between tokens, 0 when unpaced. */
    public long gapNanos() {
        return tokensPerSecond <= 0 ? 0 : Math.round(1e9 / tokensPerSecond);
    }

    /** Time to the first token for a prompt of this many tokens. */
    public long firstTokenNanos(int promptTokens) {
        return ttft.toNanos() + perPromptToken.toNanos() * promptTokens;
    }

    public Pacing withTtft(Duration value) {
        return new Pacing(value, tokensPerSecond, jitter, perPromptToken);
    }

    public Pacing withTokensPerSecond(double value) {
        return new Pacing(ttft, value, jitter, perPromptToken);
    }
}
