package dev.localagent.studio.service.provider.wire;

import dev.localagent.studio.service.config.TimeoutSettings;
import dev.localagent.studio.service.provider.ProviderTimeoutException.Phase;
import java.time.Duration;

/**
 * The phase timeouts of one call as pure arithmetic on nanosecond readings, so they are tested
 * without sleeping: until the first token the first-token limit runs; after it, the idle limit
 * runs from the last byte; the total limit runs throughout. Written by the reading thread, read by
 * the watchdog: fields are volatile.
 */
public final class CallDeadlines {

    private final long startNanos;
    private final long firstTokenNanos;
    private final long idleNanos;
    private final long totalNanos;
    private final boolean streaming;
    private volatile long lastByteNanos = -1;
    private volatile boolean tokenSeen;

    public CallDeadlines(TimeoutSettings timeouts, boolean streaming, long startNanos) {
        this.startNanos = startNanos;
        this.firstTokenNanos = Duration.ofMillis(timeouts.firstTokenMs()).toNanos();
        this.idleNanos = Duration.ofMillis(timeouts.idleMs()).toNanos();
        this.totalNanos = Duration.ofMillis(timeouts.totalMs()).toNanos();
        this.streaming = streaming;
    }

    public void bytesArrived(long now) {
        lastByteNanos = now;
    }

    public void tokenArrived() {
        tokenSeen = true;
    }

    /** The phase whose limit has passed at {@code now}, or null. */
    public Phase expired(long now) {
        if (now - startNanos >= totalNanos) {
            return Phase.TOTAL;
        }
        // A whole non-streamed reply is generated before its first byte: only the total limit applies until then.
        if (streaming && !tokenSeen && now - startNanos >= firstTokenNanos) {
            return Phase.FIRST_TOKEN;
        }
        long last = lastByteNanos;
        if ((tokenSeen || !streaming) && last >= 0 && now - last >= idleNanos) {
            return Phase.IDLE;
        }
        return null;
    }

    /** Nanoseconds until the earliest limit that could pass, from {@code now}; at least 1. */
    public long untilNextCheck(long now) {
        long next = startNanos + totalNanos - now;
        if (streaming && !tokenSeen) {
            next = Math.min(next, startNanos + firstTokenNanos - now);
        }
        long last = lastByteNanos;
        if ((tokenSeen || !streaming) && last >= 0) {
            next = Math.min(next, last + idleNanos - now);
        }
        return Math.max(1, next);
    }

    public Duration limitOf(Phase phase) {
        return Duration.ofNanos(switch (phase) {
            case FIRST_TOKEN -> firstTokenNanos;
            case IDLE -> idleNanos;
            case TOTAL, CONNECT -> totalNanos;
        });
    }
}
