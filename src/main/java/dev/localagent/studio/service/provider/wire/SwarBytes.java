package dev.localagent.studio.service.provider.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte searches eight bytes at a time ("SIMD within a register"): a long is read from the array
 * and every byte of it tested at once with carry tricks. {@link LineDecoder} uses it to pass the
 * ordinary bytes of a line (about half its CPU, measured); it returns where the byte-by-byte caller
 * must look next, never past a byte it is looking for.
 *
 * <p>The tests are exact for the lowest matching byte of a word, which is the only one used:
 * {@code (x - 0x01..01) & ~x & 0x80..80} can flag a byte above a real match by a borrow, but never
 * one below it. The array is read little-endian, so the lowest flagged byte is the first in memory.
 */
final class SwarBytes {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long NEWLINES = ONES * '\n';
    private static final long RETURNS = ONES * '\r';

    private SwarBytes() {}

    /** Index of the first {@code \n} or {@code \r} in {@code bytes[from, to)}, or at most 7 bytes before {@code to} if none. */
    static int firstLineEnd(byte[] bytes, int from, int to) {
        int i = from;
        while (to - i >= 8) {
            long x = (long) LONGS.get(bytes, i);
            long found = equal(x, NEWLINES) | equal(x, RETURNS);
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            i += 8;
        }
        return i;
    }

    /** High bit set in each byte of {@code x} equal to the byte repeated in {@code pattern} (exact for the lowest). */
    private static long equal(long x, long pattern) {
        long y = x ^ pattern;
        return (y - ONES) & ~y & HIGHS;
    }
}
