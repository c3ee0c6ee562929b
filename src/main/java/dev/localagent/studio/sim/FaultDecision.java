package dev.localagent.studio.sim;

import dev.localagent.studio.sim.fault.FaultSet;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * What goes wrong with one request, decided once when it arrives. Token positions are -1 when the
 * fault does not apply. Immutable.
 *
 * @param delay wait before the headers (latency plus any spike)
 * @param errorStatus 0 for none; otherwise the status to answer with
 * @param errorAfterTokens -1: the error replaces the reply; N: it follows N streamed tokens
 */
record FaultDecision(
        Duration delay,
        boolean spiked,
        int errorStatus,
        int errorAfterTokens,
        Duration retryAfter,
        boolean retryAfterAsDate,
        int stallAfterTokens,
        Duration stall,
        int dropAfterTokens,
        int malformedAfterTokens,
        boolean truncate,
        int oversizedBytes,
        Duration ttft,
        Double tps) {

    static final FaultDecision NONE = new FaultDecision(Duration.ZERO, false, 0, -1, Duration.ofSeconds(1), false, -1, Duration.ZERO,
            -1, -1, false, 0, null, null);

    /** Rolls the dice of {@code faults} with {@code random}, in a fixed order so a seed replays a run. */
    static FaultDecision roll(FaultSet f, SplittableRandom random) {
        Duration delay = orZero(f.latency());
        boolean spiked = hit(random, f.spikeRate());
        if (spiked) {
            delay = delay.plus(orZero(f.spike()));
        }
        int status = 0;
        if (hit(random, f.errorRate())) {
            var statuses = f.errorStatus() == null ? FaultSet.DEFAULT_ERROR_STATUS : f.errorStatus();
            status = statuses.get(random.nextInt(statuses.size()));
        }
        int errorAfter = f.errorAfterTokens() == null ? -1 : f.errorAfterTokens();
        boolean stall = hit(random, f.stallRate() != null ? f.stallRate() : f.stallAfterTokens() != null ? 1.0 : 0.0);
        boolean drop = hit(random, f.dropRate() != null ? f.dropRate() : f.dropAfterTokens() != null ? 1.0 : 0.0);
        boolean malformed = hit(random, f.malformedRate() != null ? f.malformedRate() : f.malformedAfterTokens() != null ? 1.0 : 0.0);
        boolean truncate = hit(random, f.truncateRate());
        boolean oversized = hit(random, f.oversizedRate());
        return new FaultDecision(delay, spiked, status, errorAfter,
                f.retryAfter() == null ? Duration.ofSeconds(1) : f.retryAfter(), "http-date".equals(f.retryAfterFormat()),
                stall ? orZeroInt(f.stallAfterTokens()) : -1, f.stall() == null ? Duration.ofSeconds(5) : f.stall(),
                drop ? orZeroInt(f.dropAfterTokens()) : -1,
                malformed ? orZeroInt(f.malformedAfterTokens()) : -1,
                truncate,
                oversized ? (f.oversizedBytes() == null ? 8 * 1024 * 1024 : f.oversizedBytes()) : 0,
                f.ttft(), f.tps());
    }

    boolean errorBeforeReply() {
        return errorStatus != 0 && errorAfterTokens < 0;
    }

    boolean errorMidStream() {
        return errorStatus != 0 && errorAfterTokens >= 0;
    }

    private static boolean hit(SplittableRandom random, Double rate) {
        // always draw, so one fault's rate does not shift the dice of the next
        double roll = random.nextDouble();
        return rate != null && rate > 0 && roll < rate;
    }

    private static Duration orZero(Duration d) {
        return d == null ? Duration.ZERO : d;
    }

    private static int orZeroInt(Integer n) {
        return n == null ? 0 : n;
    }
}
