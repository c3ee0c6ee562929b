package dev.localagent.studio.service.provider.wire;

import dev.localagent.studio.model.ClientTimings;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Measures one call from the moment it is sent: first byte, first token, every gap between
 * tokens, end to end. Time comes from the given nanosecond clock. Not thread-safe: the reading
 * thread records.
 */
public final class TimingRecorder {

    private final LongSupplier nanoClock;
    private long start = -1;
    private long firstByte = -1;
    private long firstToken = -1;
    private long lastToken = -1;
    private long[] gaps = new long[64];
    private int gapCount;

    public TimingRecorder(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    public void started() {
        start = nanoClock.getAsLong();
    }

    public void firstByte() {
        if (firstByte < 0) {
            firstByte = nanoClock.getAsLong();
        }
    }

    public void token() {
        long now = nanoClock.getAsLong();
        if (firstToken < 0) {
            firstToken = now;
        } else {
            if (gapCount == gaps.length) {
                gaps = Arrays.copyOf(gaps, gapCount * 2);
            }
            gaps[gapCount++] = now - lastToken;
        }
        lastToken = now;
    }

    public boolean sawToken() {
        return firstToken >= 0;
    }

    public ClientTimings finish() {
        long end = nanoClock.getAsLong();
        return new ClientTimings(since(firstByte), since(firstToken), Arrays.copyOf(gaps, gapCount), start < 0 ? -1 : end - start);
    }

    private long since(long mark) {
        return mark < 0 || start < 0 ? -1 : mark - start;
    }
}
