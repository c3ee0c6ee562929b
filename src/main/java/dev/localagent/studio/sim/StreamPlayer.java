package dev.localagent.studio.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * Plays a reply out as a stream: sends the headers, lets the {@link Pacer} write the frames at
 * their deadlines (see {@link StreamRun} for the timing and the faults), then ends the HTTP message
 * on the request's own thread: the terminating chunk, or a cut connection for the drop fault.
 */
final class StreamPlayer {

    private final SimStats stats;

    StreamPlayer(SimStats stats) {
        this.stats = stats;
    }

    void play(SimExchange ex, StreamScript script, Reply reply, Pacing pacing, int promptTokens, long promptStart,
            FaultDecision faults, Map<String, String> headers) throws IOException {
        OutputStream out = ex.startStream(script.contentType(), headers);
        StreamRun run = new StreamRun(out, script, reply, pacing, promptTokens, ex.receivedNanos(), promptStart, faults, stats);
        Pacer.play(run);
        if (run.ending() == StreamRun.Ending.DROP) {
            throw new SimExchange.ConnectionDrop();
        }
        out.close();
    }

    /**
     * Waits until {@code deadline} (a {@link System#nanoTime()} value); returns at once if it
     * passed. Virtual threads are woken in batches by the {@link Pacer}, not by a timer each.
     */
    static void sleepUntil(long deadline) {
        Pacer.sleepUntil(deadline);
    }
}
