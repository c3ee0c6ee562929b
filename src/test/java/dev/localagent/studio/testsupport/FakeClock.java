package dev.localagent.studio.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when a test says so, so nothing time-dependent needs a sleep. Thread-safe. */
public final class FakeClock extends Clock {

    private volatile Instant now;
    private final ZoneId zone;

    public FakeClock(Instant start, ZoneId zone) {
        this.now = start;
        this.zone = zone;
    }

    public FakeClock(Instant start) {
        this(start, ZoneOffset.UTC);
    }

    public static FakeClock at(String isoInstant) {
        return new FakeClock(Instant.parse(isoInstant));
    }

    public synchronized void advance(Duration by) {
        now = now.plus(by);
    }

    public void set(Instant to) {
        now = to;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new FakeClock(now, other);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
