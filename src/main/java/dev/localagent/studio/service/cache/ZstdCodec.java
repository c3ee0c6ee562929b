package dev.localagent.studio.service.cache;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import com.github.luben.zstd.util.Native;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zstandard compression for cache entries, with a few native contexts pooled for reuse.
 *
 * <p>Why zstd and not zlib or LZ4: docs/decisions/2026-11-29-cache-codec-zstd.md. Contexts sit in
 * a bounded queue rather than a ThreadLocal: callers are virtual threads, and one native context per
 * virtual thread would be a leak in all but name. A context that failed is closed, never pooled.
 *
 * <p>zstd-jni unpacks its native library into the temporary directory on first use; where that
 * cannot work (an unknown platform, a {@code noexec} temporary directory) {@link #available()} is
 * false and the cache keeps every entry raw instead of failing.
 */
final class ZstdCodec {

    private static final Logger LOG = LoggerFactory.getLogger(ZstdCodec.class);
    private static final int POOLED = 8;
    private static final boolean AVAILABLE = loadNative();

    /** Scratch buffers up to this size stay with their pooled context; larger entries get a one-off array. */
    private static final int KEPT_SCRATCH_BYTES = 64 * 1024;

    private static final ConcurrentLinkedQueue<Decompressor> DECOMPRESSORS = new ConcurrentLinkedQueue<>();
    private static final ConcurrentLinkedQueue<ZstdCompressCtx> COMPRESSORS = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger POOLED_DECOMPRESSORS = new AtomicInteger();
    private static final AtomicInteger POOLED_COMPRESSORS = new AtomicInteger();

    private ZstdCodec() {}

    private static boolean loadNative() {
        try {
            Native.load();
            return true;
        } catch (LinkageError | RuntimeException e) {
            LOG.warn("zstd is not available on this platform, so the response cache keeps entries uncompressed: {}", e.toString());
            return false;
        }
    }

    /** Whether the native library loaded; when false the cache stores every entry raw. */
    static boolean available() {
        return AVAILABLE;
    }

    /** Reads decompressed bytes {@code [0, length)} of {@code buffer}, which is reused once the reader returns. */
    @FunctionalInterface
    interface Reader<T> {
        T read(byte[] buffer, int length);
    }

    /** A native context and the scratch buffer it decompresses into, pooled together. */
    private static final class Decompressor {
        final ZstdDecompressCtx context = new ZstdDecompressCtx();
        byte[] scratch = new byte[8 * 1024];
    }

    /**
     * One zstd frame holding {@code raw}, with its content size recorded. No checksum: entries live
     * only in this process's memory, where truncation or a wrong length (which the frame's own
     * structure and content size catch) are the failures to expect, not flipped bits; the checksum
     * cost about a tenth of a hit (docs/PERFORMANCE.md).
     */
    static byte[] compress(byte[] raw, int level) {
        ZstdCompressCtx context = COMPRESSORS.poll();
        if (context == null) {
            context = new ZstdCompressCtx().setChecksum(false).setContentSize(true);
        } else {
            POOLED_COMPRESSORS.decrementAndGet();
        }
        boolean healthy = false;
        try {
            byte[] frame = context.setLevel(level).compress(raw);
            healthy = true;
            return frame;
        } finally {
            if (healthy && POOLED_COMPRESSORS.incrementAndGet() <= POOLED) {
                COMPRESSORS.offer(context);
            } else {
                if (healthy) {
                    POOLED_COMPRESSORS.decrementAndGet();
                }
                context.close();
            }
        }
    }

    /**
     * Decompresses {@code length} bytes of {@code frame}, starting at {@code offset}, which must
     * yield exactly {@code rawLength} bytes, and hands them to {@code reader} without copying them.
     *
     * @throws DamagedCacheEntryException if the frame is damaged, truncated or of another length
     */
    static <T> T decompress(byte[] frame, int offset, int length, int rawLength, Reader<T> reader) {
        Decompressor decompressor = DECOMPRESSORS.poll();
        if (decompressor == null) {
            decompressor = new Decompressor();
        } else {
            POOLED_DECOMPRESSORS.decrementAndGet();
        }
        boolean healthy = false;
        try {
            byte[] out = decompressor.scratch;
            if (out.length < rawLength) {
                out = new byte[rawLength];
                if (rawLength <= KEPT_SCRATCH_BYTES) {
                    decompressor.scratch = out;
                }
            }
            int produced;
            try {
                produced = decompressor.context.decompressByteArray(out, 0, rawLength, frame, offset, length);
            } catch (ZstdException e) {
                throw new DamagedCacheEntryException("a compressed cache entry is damaged (" + e.getMessage() + ")", e);
            }
            if (produced != rawLength) {
                throw new DamagedCacheEntryException("a compressed cache entry is damaged (" + produced + " of " + rawLength + " bytes)");
            }
            healthy = true;
            return reader.read(out, rawLength);
        } finally {
            if (healthy && POOLED_DECOMPRESSORS.incrementAndGet() <= POOLED) {
                DECOMPRESSORS.offer(decompressor);
            } else {
                if (healthy) {
                    POOLED_DECOMPRESSORS.decrementAndGet();
                }
                decompressor.context.close();
            }
        }
    }
}
