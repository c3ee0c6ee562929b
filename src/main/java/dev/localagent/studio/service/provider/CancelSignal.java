package dev.localagent.studio.service.provider;

import java.util.ArrayList;
import java.util.List;

/**
 * The stop button of one call: {@link #cancel()} from any thread runs the actions the call
 * registered (aborting its exchange), so a blocked read ends at once. Single-use; thread-safe.
 */
public final class CancelSignal {

    private final List<Runnable> actions = new ArrayList<>();
    private boolean cancelled;

    public void cancel() {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toRun = List.copyOf(actions);
            actions.clear();
        }
        toRun.forEach(Runnable::run);
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Runs {@code action} on cancel, or right away when already cancelled. */
    public void onCancel(Runnable action) {
        synchronized (this) {
            if (!cancelled) {
                actions.add(action);
                return;
            }
        }
        action.run();
    }

    /** Forgets an action registered for a finished exchange. */
    public synchronized void remove(Runnable action) {
        actions.remove(action);
    }
}
