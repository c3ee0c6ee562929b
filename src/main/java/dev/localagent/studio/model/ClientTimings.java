package dev.localagent.studio.model;

/**
 * What the client measured of one call, in nanoseconds from the moment the request was sent.
 * A phase that did not happen (no token arrived) is -1.
 *
 * @param interTokenGapsNanos the gap before each content chunk after the first, in arrival order
 */
public record ClientTimings(long timeToFirstByteNanos, long timeToFirstTokenNanos, long[] interTokenGapsNanos, long endToEndNanos) {

    public static final ClientTimings NONE = new ClientTimings(-1, -1, new long[0], -1);

    public ClientTimings {
        interTokenGapsNanos = interTokenGapsNanos.clone();
    }

    @Override
    public long[] interTokenGapsNanos() {
        return interTokenGapsNanos.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientTimings t && t.timeToFirstByteNanos == timeToFirstByteNanos
                && t.timeToFirstTokenNanos == timeToFirstTokenNanos && t.endToEndNanos == endToEndNanos
                && java.util.Arrays.equals(t.interTokenGapsNanos, interTokenGapsNanos);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(timeToFirstByteNanos, timeToFirstTokenNanos, endToEndNanos)
                * 31 + java.util.Arrays.hashCode(interTokenGapsNanos);
    }

    @Override
    public String toString() {
        return "ClientTimings[ttfb=" + timeToFirstByteNanos + ", ttft=" + timeToFirstTokenNanos + ", gaps="
                + interTokenGapsNanos.length + ", e2e=" + endToEndNanos + "]";
    }
}
