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

    private static final ConcurrentLinkedQueue<ZstdDecompressCtx> DECOMPRESSORS = new ConcurrentLinkedQueue<>();
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

    /**
     * One zstd frame holding {@code raw}: content size recorded, 32-bit checksum on, so a damaged
     * entry is reported rather than decoded into different text.
     */
    static byte[] compress(byte[] raw, int level) {
        ZstdCompressCtx context = COMPRESSORS.poll();
        if (context == null) {
            context = new ZstdCompressCtx().setChecksum(true).setContentSize(true);
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
     * Decompresses {@code length} bytes of {@code frame}, starting at {@code offset}, into a new
     * array of exactly {@code rawLength} bytes.
     *
     * @throws DamagedCacheEntryException if the frame is damaged, truncated or of another length
     */
    static byte[] decompress(byte[] frame, int offset, int length, int rawLength) {
        ZstdDecompressCtx context = DECOMPRESSORS.poll();
        if (context == null) {
            context = new ZstdDecompressCtx();
        } else {
            POOLED_DECOMPRESSORS.decrementAndGet();
        }
        boolean healthy = false;
        try {
            byte[] out = new byte[rawLength];
            int produced = context.decompressByteArray(out, 0, rawLength, frame, offset, length);
            if (produced != rawLength) {
                throw new DamagedCacheEntryException("a compressed cache entry is damaged (" + produced + " of " + rawLength + " bytes)");
            }
            healthy = true;
            return out;
        } catch (ZstdException e) {
            throw new DamagedCacheEntryException("a compressed cache entry is damaged (" + e.getMessage() + ")", e);
        } finally {
            if (healthy && POOLED_DECOMPRESSORS.incrementAndGet() <= POOLED) {
                DECOMPRESSORS.offer(context);
            } else {
                if (healthy) {
                    POOLED_DECOMPRESSORS.decrementAndGet();
                }
                context.close();
            }
        }
    }
}
