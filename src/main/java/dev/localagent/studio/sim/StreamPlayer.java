package dev.localagent.studio.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a reply out as a stream: sends the headers, lets the {@link Pacer} write the frames at
 * their deadlines (see {@link StreamRun} for the timing and the faults), and ends the HTTP message
 * when the run is over. The request's thread returns as soon as the pacer holds the stream, except
 * for the drop fault (see {@link #play}). Thread-safe.
 */
final class StreamPlayer {

    private static final Logger LOG = LoggerFactory.getLogger(StreamPlayer.class);

    private final SimStats stats;
    /** Streams the pacer holds without a request thread, so that closing the server can end them. */
    private final Set<Released> released = ConcurrentHashMap.newKeySet();

    /** A stream that plays without its request thread, and how its HTTP message ends. */
    private final class Released implements Consumer<Throwable> {
        final SimExchange ex;
        final OutputStream out;
        volatile Pacer.Handle handle;

        Released(SimExchange ex, OutputStream out) {
            this.ex = ex;
            this.out = out;
        }

        @Override
        public void accept(Throwable failure) {
            released.remove(this);
            end(ex, out, failure);
        }
    }

    StreamPlayer(SimStats stats) {
        this.stats = stats;
    }

    void play(SimExchange ex, StreamScript script, Reply reply, Pacing pacing, int promptTokens, long promptStart,
            FaultDecision faults, Map<String, String> headers) throws IOException {
        // The head may travel with the first frame only when that frame is due at once, and not on
        // a stream that drops (it plays on this thread and must have shown its head first).
        boolean firstFrameNow = faults.dropAfterTokens() < 0 && StreamRun.firstFrameAt(pacing, promptTokens, promptStart) - System.nanoTime() <= 0;
        OutputStream out = ex.startStream(script.contentType(), headers, firstFrameNow);
        StreamRun run = new StreamRun(out, script, reply, pacing, promptTokens, ex.receivedNanos(), promptStart, faults, stats);
        if (faults.dropAfterTokens() >= 0) {
            // The JDK server cuts a connection without ending the message only when a handler
            // throws, so a stream that drops keeps its request thread parked until then.
            Pacer.play(run);
            if (run.ending() == StreamRun.Ending.DROP) {
                throw new SimExchange.ConnectionDrop();
            }
            out.close();
            return;
        }
        // from here the stream, not the request's handler, closes the exchange
        ex.handOver();
        Released r = new Released(ex, out);
        released.add(r);
        r.handle = Pacer.start(run, r);
    }

    /** Ends the HTTP message of a released stream; what the server's handler did for a request thread that played it. */
    private static void end(SimExchange ex, OutputStream out, Throwable failure) {
        try {
            if (failure == null) {
                out.close(); // the terminating chunk
            } else if (failure instanceof IOException e) {
                // the client went away mid-stream (or the server is closing): nothing to tell it
                LOG.debug("Client gone: {}", e.toString());
            } else {
                LOG.warn("Simulator failed on {} {} mid-stream: {}", ex.method(), ex.path(), failure.toString(), failure);
            }
        } catch (IOException e) {
            LOG.debug("Client gone: {}", e.toString());
        } finally {
            ex.endHandedOver();
        }
    }

    /** Ends every stream still playing without its request thread (the server is closing). */
    void cancelAll() {
        for (Released r : released) {
            Pacer.Handle h = r.handle;
            if (h != null) {
                h.cancel();
            }
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
