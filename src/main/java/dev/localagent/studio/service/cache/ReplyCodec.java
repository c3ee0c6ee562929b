package dev.localagent.studio.service.cache;

import dev.localagent.studio.model.FinishReason;
import dev.localagent.studio.model.Usage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Turns a {@link CachedReply} into bytes and back, compressing with zlib above a threshold.
 * A compact binary form rather than JSON: the entry size is what the byte bound counts, and the
 * hit path must stay in microseconds.
 */
final class ReplyCodec {

    private static final byte FORMAT = 1;

    /**
     * zlib streams are costly to set up (a deflater allocates a few hundred KB natively) and cheap
     * to reset, so a few are kept for reuse. A queue rather than a ThreadLocal: callers are virtual
     * threads, and one zlib stream per virtual thread would be a leak in all but name.
     */
    private static final int POOLED = 8;
    private static final ConcurrentLinkedQueue<Inflater> INFLATERS = new ConcurrentLinkedQueue<>();
    private static final ConcurrentLinkedQueue<Deflater> DEFLATERS = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger POOLED_INFLATERS = new AtomicInteger();
    private static final AtomicInteger POOLED_DEFLATERS = new AtomicInteger();

    private ReplyCodec() {}

    /** Stored bytes of one reply and whether they are compressed. */
    record Encoded(byte[] bytes, boolean compressed, int rawLength) {}

    static Encoded encode(CachedReply reply, int compressAboveBytes, int level) {
        byte[] raw = serialise(reply);
        if (raw.length <= compressAboveBytes) {
            return new Encoded(raw, false, raw.length);
        }
        byte[] deflated = deflate(raw, level);
        // Some replies (already-compressed data, very short text) grow under zlib; keep those raw.
        if (deflated.length >= raw.length) {
            return new Encoded(raw, false, raw.length);
        }
        return new Encoded(deflated, true, raw.length);
    }

    static CachedReply decode(byte[] stored, boolean compressed, int rawLength) {
        return deserialise(compressed ? inflate(stored, rawLength) : stored);
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

    static CachedReply deserialise(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalStateException("unknown cache entry format " + format);
            }
            String text = text(in);
            FinishReason finish = FinishReason.values()[in.readByte()];
            String model = text(in);
            Usage usage = new Usage(integer(in), integer(in), integer(in), integer(in), in.readBoolean());
            int n = in.readInt();
            List<String> citations = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                citations.add(text(in));
            }
            Double reported = in.readBoolean() ? in.readDouble() : null;
            long latency = in.readLong();
            String cost = text(in);
            return new CachedReply(text, finish, usage, model, citations, reported, latency, cost == null ? null : new BigDecimal(cost));
        } catch (IOException e) {
            throw new UncheckedIOException("a cache entry is damaged", e);
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

    private static String text(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void integer(DataOutputStream out, Integer value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeInt(value);
        }
    }

    private static Integer integer(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readInt() : null;
    }

    static byte[] deflate(byte[] raw, int level) {
        Deflater deflater = DEFLATERS.poll();
        if (deflater == null) {
            deflater = new Deflater(level);
        } else {
            POOLED_DEFLATERS.decrementAndGet();
            deflater.reset();
            deflater.setLevel(level);
        }
        boolean healthy = false;
        try {
            deflater.setInput(raw);
            deflater.finish();
            byte[] out = new byte[raw.length + 64];
            int length = 0;
            while (!deflater.finished()) {
                if (length == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                length += deflater.deflate(out, length, out.length - length);
            }
            healthy = true;
            return Arrays.copyOf(out, length);
        } finally {
            if (healthy && POOLED_DEFLATERS.incrementAndGet() <= POOLED) {
                DEFLATERS.offer(deflater);
            } else {
                if (healthy) {
                    POOLED_DEFLATERS.decrementAndGet();
                }
                deflater.end();
            }
        }
    }

    static byte[] inflate(byte[] stored, int rawLength) {
        Inflater inflater = INFLATERS.poll();
        if (inflater == null) {
            inflater = new Inflater();
        } else {
            POOLED_INFLATERS.decrementAndGet();
            inflater.reset();
        }
        boolean healthy = false;
        try {
            inflater.setInput(stored);
            byte[] out = new byte[rawLength];
            int length = 0;
            while (length < rawLength && !inflater.finished()) {
                int n = inflater.inflate(out, length, rawLength - length);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                length += n;
            }
            if (length != rawLength) {
                throw new IllegalStateException("a compressed cache entry is damaged (" + length + " of " + rawLength + " bytes)");
            }
            healthy = true;
            return out;
        } catch (DataFormatException e) {
            throw new IllegalStateException("a compressed cache entry is damaged", e);
        } finally {
            if (healthy && POOLED_INFLATERS.incrementAndGet() <= POOLED) {
                INFLATERS.offer(inflater);
            } else {
                if (healthy) {
                    POOLED_INFLATERS.decrementAndGet();
                }
                inflater.end();
            }
        }
    }
}
