package dev.localagent.studio.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Plays a reply out as a stream: the first token at the time-to-first-token mark, each next one a
 * gap later (with jitter), every frame flushed on its own; and fires the stream faults at their
 * token positions. Deadlines are absolute (first token + i gaps), so a late wake-up does not push
 * every later token back and the rate holds.
 */
final class StreamPlayer {

    private final SimStats stats;

    StreamPlayer(SimStats stats) {
        this.stats = stats;
    }

    void play(SimExchange ex, StreamScript script, Reply reply, Pacing pacing, int promptTokens, long promptStart,
            FaultDecision faults, Map<String, String> headers) throws IOException {
        OutputStream out = ex.startStream(script.contentType(), headers);
        long gap = pacing.gapNanos();
        long first = promptStart + pacing.firstTokenNanos(promptTokens);
        long jitter = (long) (gap * pacing.jitter());
        sleepUntil(first);
        long firstActual = System.nanoTime();
        write(out, script.open());
        int n = reply.tokens().size();
        long shift = 0;
        for (int i = 0; i <= n; i++) {
            if (i == faults.dropAfterTokens()) {
                out.flush();
                stats.recordFault("drop");
                throw new SimExchange.ConnectionDrop();
            }
            if (faults.errorMidStream() && i == faults.errorAfterTokens()) {
                stats.recordFault("error");
                write(out, script.error(faults.errorStatus()));
                out.close();
                return;
            }
            if (i == faults.malformedAfterTokens()) {
                stats.recordFault("malformed");
                write(out, script.malformed());
            }
            if (i == faults.stallAfterTokens()) {
                stats.recordFault("stall");
                long stallNanos = faults.stall().toNanos();
                sleepUntil(System.nanoTime() + stallNanos);
                shift += stallNanos;
            }
            if (i == n) {
                break;
            }
            if (i > 0 && gap > 0) {
                long offset = jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitter, jitter + 1);
                sleepUntil(first + shift + i * gap + offset);
            }
            write(out, script.token(i, reply.tokens().get(i)));
        }
        if (faults.truncate()) {
            stats.recordFault("truncate");
            out.close();
            return;
        }
        long end = System.nanoTime();
        write(out, script.finish(reply, new StreamTimes(ex.receivedNanos(), promptStart, firstActual, Math.max(end, firstActual + 1))));
        out.close();
    }

    private static void write(OutputStream out, byte[] frame) throws IOException {
        if (frame.length > 0) {
            out.write(frame);
            out.flush();
        }
    }

    /**
     * Waits until {@code deadline} (a {@link System#nanoTime()} value); returns at once if it
     * passed. Virtual threads are woken in batches by the {@link Pacer}, not by a timer each.
     */
    static void sleepUntil(long deadline) {
        Pacer.sleepUntil(deadline);
    }
}
