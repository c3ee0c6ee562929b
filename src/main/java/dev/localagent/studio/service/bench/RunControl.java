package dev.localagent.studio.service.bench;

/** The stop button of a run, shared by its phases. Thread-safe. */
final class RunControl {

    private volatile boolean stopRequested;

    void requestStop() {
        stopRequested = true;
    }

    boolean stopRequested() {
        return stopRequested;
    }
}
