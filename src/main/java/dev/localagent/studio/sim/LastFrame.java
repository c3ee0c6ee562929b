package dev.localagent.studio.sim;

import java.io.IOException;

/**
 * A stream body that can send its last frame and its end together: the last chunk and the
 * terminating chunk in one socket write. A stream's end comes in bursts when many streams started
 * together (1,000 at a benchmark's start end within a few hundred milliseconds), and on loopback
 * each write carries the receiving side's TCP work, so one write fewer per stream is felt by the
 * frames of the streams still playing.
 */
interface LastFrame {

    /** Writes {@code b[off, off + len)} as the stream's last frame and ends the stream. */
    void writeLast(byte[] b, int off, int len) throws IOException;
}
