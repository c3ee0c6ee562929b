package dev.localagent.studio.service.bench;

/**
 * Where a run is, for a progress bar: a snapshot, immutable.
 *
 * @param plannedSeconds the run's length when known in advance (stress: its longest), else null
 * @param fraction 0 to 1: time or requests done over planned
 * @param label what is running now ("warm-up", "step 3 at 30 req/s", "cache off")
 */
public record BenchProgress(State state, double elapsedSeconds, Double plannedSeconds, double fraction, String label, long completed,
        long errors) {

    public enum State {
        STARTING,
        RUNNING,
        STOPPING,
        DONE,
        STOPPED,
        FAILED;

        public boolean finished() {
            return this == DONE || this == STOPPED || this == FAILED;
        }
    }

    /** Seconds left, when the plan says; null otherwise. */
    public Double secondsLeft() {
        return plannedSeconds == null ? null : Math.max(0, plannedSeconds - elapsedSeconds);
    }
}
