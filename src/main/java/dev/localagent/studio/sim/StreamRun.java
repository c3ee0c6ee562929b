package dev.localagent.studio.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One streamed reply as a sequence of steps that any one thread at a time can drive: each
 * {@link #step} writes (and flushes) what is due now and says when the next frame is due. The
 * first token goes out at the time-to-first-token mark, each next one a gap later (with jitter),
 * and the stream faults fire at their token positions. Deadlines are absolute (first token + i
 * gaps), so a late write does not push every later token back and the rate holds. A frame is
 * never written before its deadline. Not thread-safe: the {@link Pacer} hands a run from thread
 * to thread with a happens-before edge in between.
 */
final class StreamRun {

    /** How the HTTP message ends once the last step is done. */
    enum Ending {
        /** Not ended yet. */
        NONE,
        /** Close the body normally (terminating chunk). */
        CLOSE,
        /** Cut the connection without ending the message. */
        DROP
    }

    private enum Phase { OPEN, CHECKS, STALLED, TOKEN, FINISH }

    private final OutputStream out;
    private final StreamScript script;
    private final Reply reply;
    private final FaultDecision faults;
    private final SimStats stats;
    private final long receivedNanos;
    private final long promptStart;
    private final long first;
    private final long gap;
    private final long jitter;
    private final int tokens;

    private Phase phase = Phase.OPEN;
    private int index;
    private long shift;
    private long firstActual;
    private long deadline;
    private Ending ending = Ending.NONE;

    StreamRun(OutputStream out, StreamScript script, Reply reply, Pacing pacing, int promptTokens, long receivedNanos, long promptStart,
            FaultDecision faults, SimStats stats) {
        this.out = out;
        this.script = script;
        this.reply = reply;
        this.faults = faults;
        this.stats = stats;
        this.receivedNanos = receivedNanos;
        this.promptStart = promptStart;
        this.gap = pacing.gapNanos();
        this.first = firstFrameAt(pacing, promptTokens, promptStart);
        this.jitter = (long) (gap * pacing.jitter());
        this.tokens = reply.tokens().size();
        this.deadline = first;
    }

    /** When a stream's first frame is due ({@link System#nanoTime()} scale): its time to first token after the prompt. */
    static long firstFrameAt(Pacing pacing, int promptTokens, long promptStart) {
        return promptStart + pacing.firstTokenNanos(promptTokens);
    }

    boolean ended() {
        return ending != Ending.NONE;
    }

    Ending ending() {
        return ending;
    }

    /**
     * Writes what is due now (token frames are built in {@code frames}), at most {@code maxWrites} frames (a pacer serving many streams takes
     * one frame at a time so that a long burst cannot hold up other streams' deadlines), and
     * returns when the next frame is due (a {@link System#nanoTime()} value, possibly already
     * past). Once {@link #ended()}, the caller closes or drops as {@link #ending()} says.
     */
    long step(int maxWrites, FrameBuffer frames) throws IOException {
        int writes = 0;
        while (ending == Ending.NONE) {
            switch (phase) {
                case OPEN -> {
                    if (notYet()) {
                        return deadline;
                    }
                    if (writes >= maxWrites) {
                        return dueAt();
                    }
                    firstActual = System.nanoTime();
                    phase = Phase.CHECKS;
                    if (write(script.open())) {
                        writes++;
                    }
                }
                case CHECKS -> {
                    // the faults that fire before token number `index` (or before the end when index == tokens)
                    int i = index;
                    boolean writesHere = (faults.errorMidStream() && i == faults.errorAfterTokens()) || i == faults.malformedAfterTokens();
                    if (writesHere && writes >= maxWrites && i != faults.dropAfterTokens()) {
                        return System.nanoTime();
                    }
                    if (i == faults.dropAfterTokens()) {
                        out.flush();
                        stats.recordFault("drop");
                        ending = Ending.DROP;
                        break;
                    }
                    if (faults.errorMidStream() && i == faults.errorAfterTokens()) {
                        stats.recordFault("error");
                        write(script.error(faults.errorStatus()));
                        ending = Ending.CLOSE;
                        break;
                    }
                    if (i == faults.malformedAfterTokens()) {
                        stats.recordFault("malformed");
                        write(script.malformed());
                        writes++;
                    }
                    if (i == faults.stallAfterTokens()) {
                        stats.recordFault("stall");
                        long stallNanos = faults.stall().toNanos();
                        deadline = System.nanoTime() + stallNanos;
                        shift += stallNanos;
                        phase = Phase.STALLED;
                    } else {
                        afterChecks();
                    }
                }
                case STALLED -> {
                    if (notYet()) {
                        return deadline;
                    }
                    afterChecks();
                }
                case TOKEN -> {
                    if (notYet()) {
                        return deadline;
                    }
                    if (writes >= maxWrites) {
                        return dueAt();
                    }
                    script.token(index, reply.text(), reply.tokenStart(index), reply.tokenEnd(index), frames.clear());
                    write(frames);
                    writes++;
                    index++;
                    phase = Phase.CHECKS;
                }
                case FINISH -> {
                    if (faults.truncate()) {
                        stats.recordFault("truncate");
                    } else {
                        if (writes >= maxWrites) {
                            return System.nanoTime();
                        }
                        long end = System.nanoTime();
                        script.finish(reply, new StreamTimes(receivedNanos, promptStart, firstActual, Math.max(end, firstActual + 1)), frames.clear());
                        if (out instanceof LastFrame last) {
                            last.writeLast(frames.array(), 0, frames.length()); // the end follows in the same write
                        } else {
                            write(frames);
                        }
                    }
                    ending = Ending.CLOSE;
                }
            }
        }
        return System.nanoTime();
    }

    private void afterChecks() {
        if (index == tokens) {
            phase = Phase.FINISH;
            return;
        }
        if (index > 0 && gap > 0) {
            long offset = jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitter, jitter + 1);
            deadline = first + shift + index * gap + offset;
        } else {
            deadline = Long.MIN_VALUE; // due at once: the first token follows the opening frame
        }
        phase = Phase.TOKEN;
    }

    /** The current deadline as a real time, for a caller that queues by it. */
    private long dueAt() {
        return deadline == Long.MIN_VALUE ? System.nanoTime() : deadline;
    }

    private boolean notYet() {
        return deadline != Long.MIN_VALUE && deadline - System.nanoTime() > 0;
    }

    private void write(FrameBuffer frame) throws IOException {
        if (frame.length() > 0) {
            out.write(frame.array(), 0, frame.length());
            out.flush();
        }
    }

    /** Writes and flushes one frame; {@code false} if it was empty (nothing sent). */
    private boolean write(byte[] frame) throws IOException {
        if (frame.length == 0) {
            return false;
        }
        out.write(frame);
        out.flush();
        return true;
    }
}
