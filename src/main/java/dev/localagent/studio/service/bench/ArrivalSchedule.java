package dev.localagent.studio.service.bench;

import java.util.SplittableRandom;

/**
 * The intended send times of an open loop, as offsets from its start: constant or Poisson
 * arrivals at a rate, reached linearly over a ramp-up. A pure function of its settings and seed,
 * so a test can check the schedule without a clock. Not thread-safe (one dispatcher uses it).
 *
 * <p>Arrivals are drawn in "operational time" (arrival number n, or a unit-rate Poisson process)
 * and mapped through the inverse of the cumulative arrival curve: R·t²/2T during a ramp of length
 * T, then R·t. That keeps the Poisson process Poisson while its rate rises.
 */
final class ArrivalSchedule {

    private final double ratePerNano;
    private final double rampNanos;
    private final Arrival arrival;
    private final SplittableRandom random;
    private double operational;
    private boolean first = true;

    ArrivalSchedule(double requestsPerSecond, Arrival arrival, long rampUpNanos, long seed) {
        this.ratePerNano = requestsPerSecond / 1e9;
        this.rampNanos = rampUpNanos;
        this.arrival = arrival;
        this.random = new SplittableRandom(seed);
    }

    /** The next intended send, in nanoseconds from the start; never decreasing. */
    long nextOffsetNanos() {
        if (arrival == Arrival.POISSON) {
            // -ln(U) with U in (0, 1]: an exponential gap of mean 1.
            operational += -Math.log(1.0 - random.nextDouble());
        } else if (first) {
            first = false;
        } else {
            operational += 1;
        }
        return Math.round(timeOf(operational));
    }

    /** Inverse of the cumulative arrivals N(t). */
    private double timeOf(double n) {
        if (rampNanos <= 0) {
            return n / ratePerNano;
        }
        double arrivalsInRamp = ratePerNano * rampNanos / 2;
        if (n <= arrivalsInRamp) {
            return Math.sqrt(2 * rampNanos * n / ratePerNano);
        }
        return rampNanos + (n - arrivalsInRamp) / ratePerNano;
    }
}
