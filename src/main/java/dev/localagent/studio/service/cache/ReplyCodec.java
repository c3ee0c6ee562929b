package dev.localagent.studio.service.cache;

import dev.localagent.studio.model.FinishReason;
import dev.localagent.studio.model.Usage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link CachedReply} into bytes and back, compressing with zstd above a threshold.
 * A compact binary form rather than JSON: the entry size is what the byte bound counts, and the
 * hit path must stay in microseconds.
 *
 * <p>Two version marks, so a change of either can be detected: {@link #FORMAT} opens the serialised
 * reply (its field layout), and {@link #ZSTD_FRAME} opens every compressed entry (its codec). Any
 * entry that cannot be read back raises {@link DamagedCacheEntryException}, never anything else.
 */
final class ReplyCodec {

    /** Layout of a serialised reply. */
    private static final byte FORMAT = 1;
    /**
     * Codec of a compressed entry: a zstd frame follows. 1 meant a zlib stream (until 2026-11-29);
     * the cache lives in memory only, so no such entry can exist any more and none is read.
     */
    static final byte ZSTD_FRAME = 2;

    private static final FinishReason[] FINISH_REASONS = FinishReason.values();

    private ReplyCodec() {}

    /** Stored bytes of one reply and whether they are compressed. */
    record Encoded(byte[] bytes, boolean compressed, int rawLength) {}

    static Encoded encode(CachedReply reply, int compressAboveBytes, int level) {
        byte[] raw = serialise(reply);
        if (raw.length <= compressAboveBytes || !ZstdCodec.available()) {
            return new Encoded(raw, false, raw.length);
        }
        byte[] frame = ZstdCodec.compress(raw, level);
        // Some replies (very short or random text) do not shrink; keep those raw.
        if (frame.length + 1 >= raw.length) {
            return new Encoded(raw, false, raw.length);
        }
        byte[] stored = new byte[frame.length + 1];
        stored[0] = ZSTD_FRAME;
        System.arraycopy(frame, 0, stored, 1, frame.length);
        return new Encoded(stored, true, raw.length);
    }

    /** @throws DamagedCacheEntryException if the stored bytes are truncated or damaged */
    static CachedReply decode(byte[] stored, boolean compressed, int rawLength) {
        if (!compressed) {
            return deserialise(stored);
        }
        if (stored.length == 0 || stored[0] != ZSTD_FRAME) {
            throw new DamagedCacheEntryException("a compressed cache entry has an unknown codec mark");
        }
        return ZstdCodec.decompress(stored, 1, stored.length - 1, rawLength, ReplyCodec::deserialise);
    }

    static byte[] serialise(CachedReply r) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(r.text().length() + 128);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeByte(FORMAT);
            text(out, r.text());
            out.writeByte(r.finishReason().ordinal());
            text(out, r.model());
            Usage u = r.usage();
            integer(out, u.promptTokens());
            integer(out, u.completionTokens());
            integer(out, u.cachedPromptTokens());
            integer(out, u.reasoningTokens());
            out.writeBoolean(u.estimated());
            out.writeInt(r.citations().size());
            for (String c : r.citations()) {
                text(out, c);
            }
            out.writeBoolean(r.reportedCostUsd() != null);
            if (r.reportedCostUsd() != null) {
                out.writeDouble(r.reportedCostUsd());
            }
            out.writeLong(r.originalLatencyNanos());
            text(out, r.costUsd() == null ? null : r.costUsd().toPlainString());
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return buffer.toByteArray();
    }

    /** @throws DamagedCacheEntryException if the bytes are not one whole reply of this format */
    static CachedReply deserialise(byte[] bytes) {
        return deserialise(bytes, bytes.length);
    }

    /** Reads the reply in {@code bytes[0, length)}; copies what it keeps, so the array may be reused. */
    static CachedReply deserialise(byte[] bytes, int length) {
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
        try {
            byte format = in.get();
            if (format != FORMAT) {
                throw new DamagedCacheEntryException("unknown cache entry format " + format);
            }
            String text = text(in);
            int finish = in.get();
            if (finish < 0 || finish >= FINISH_REASONS.length) {
                throw new DamagedCacheEntryException("a cache entry names an unknown finish reason " + finish);
            }
            String model = text(in);
            Usage usage = new Usage(integer(in), integer(in), integer(in), integer(in), in.get() != 0);
            int n = in.getInt();
            if (n < 0 || n > in.remaining()) {
                throw new DamagedCacheEntryException("a cache entry claims " + n + " citations");
            }
            List<String> citations = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                citations.add(text(in));
            }
            Double reported = in.get() != 0 ? in.getDouble() : null;
            long latency = in.getLong();
            String cost = text(in);
            if (in.hasRemaining()) {
                throw new DamagedCacheEntryException("a cache entry has " + in.remaining() + " bytes past its end");
            }
            return new CachedReply(text, FINISH_REASONS[finish], usage, model, citations, reported, latency,
                    cost == null ? null : new BigDecimal(cost));
        } catch (BufferUnderflowException e) {
            throw new DamagedCacheEntryException("a cache entry is truncated", e);
        } catch (NumberFormatException e) {
            throw new DamagedCacheEntryException("a cache entry holds a damaged cost", e);
        } catch (RuntimeException e) {
            if (e instanceof DamagedCacheEntryException) {
                throw e;
            }
            // The record's own checks (a negative latency, say): still a damaged entry, not a crash.
            throw new DamagedCacheEntryException("a cache entry is damaged (" + e.getMessage() + ")", e);
        }
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String text(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0) {
            return null;
        }
        if (n > in.remaining()) {
            throw new BufferUnderflowException();
        }
        // Decoded straight from the entry's array: no intermediate copy on the hit path.
        String value = new String(in.array(), in.position(), n, StandardCharsets.UTF_8);
        in.position(in.position() + n);
        return value;
    }

    private static void integer(DataOutputStream out, Integer value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeInt(value);
        }
    }

    private static Integer integer(ByteBuffer in) {
        return in.get() != 0 ? in.getInt() : null;
    }
}
