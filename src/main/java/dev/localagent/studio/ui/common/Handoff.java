package dev.localagent.studio.ui.common;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** Hands work to an executor that may already be closing (the window or the studio shutting down). */
public final class Handoff {

    private Handoff() {}

    /** Runs {@code task} on {@code executor}; when the executor refuses because it is closing, there is nothing left to do. */
    public static void quietly(Executor executor, Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException closing) {
            // the window or the studio is gone: nothing to show, nothing to do
        }
    }
}
