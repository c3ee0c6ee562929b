package dev.localagent.studio.service.bench;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tightens how late Linux may wake the calling thread from a timed wait.
 *
 * <p>Linux lets a timer fire up to the thread's "timer slack" (50 µs by default) after it was due,
 * so that wake-ups can be batched. An open loop's sender waits for each send's intended time; with
 * the default slack a send left ~105 µs after its time at the median instead of ~55 µs with 1 µs
 * (docs/PERFORMANCE.md, "Session 6"), and a corrected latency counts every microsecond of that.
 * The slack is per thread, so only the threads that keep the schedule pay for the precision.
 *
 * <p>{@code prctl} is reached through the foreign function API (the jar's manifest and every
 * launcher enable native access, see the zstd decision record). Elsewhere than Linux, or if the
 * call fails, nothing changes and {@link #tighten()} says so by returning false.
 */
final class TimerSlack {

    private static final Logger LOG = LoggerFactory.getLogger(TimerSlack.class);
    private static final int PR_SET_TIMERSLACK = 29;
    private static final int PR_GET_TIMERSLACK = 30;
    /** Nanoseconds; 0 would mean "back to the default", so the smallest real slack is 1. */
    private static final long TIGHT_NANOS = 1;
    private static final Optional<MethodHandle> PRCTL = lookUp();

    private TimerSlack() {}

    /** Sets the calling thread's timer slack to 1 ns; true when it took effect. */
    static boolean tighten() {
        if (PRCTL.isEmpty()) {
            return false;
        }
        try {
            return (int) PRCTL.get().invokeExact(PR_SET_TIMERSLACK, TIGHT_NANOS) == 0;
        } catch (Throwable e) {
            LOG.debug("Could not tighten the timer slack", e);
            return false;
        }
    }

    /** The calling thread's timer slack in nanoseconds, or -1 where it cannot be read. */
    static long current() {
        if (PRCTL.isEmpty()) {
            return -1;
        }
        try {
            return (int) PRCTL.get().invokeExact(PR_GET_TIMERSLACK, 0L);
        } catch (Throwable e) {
            return -1;
        }
    }

    private static Optional<MethodHandle> lookUp() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return Optional.empty();
        }
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("prctl").map(prctl -> linker.downcallHandle(prctl,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG),
                    Linker.Option.firstVariadicArg(1)));
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("prctl is not reachable; timer slack stays as it is", e);
            return Optional.empty();
        }
    }
}
