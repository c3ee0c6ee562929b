package dev.localagent.studio.bench;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import dev.localagent.studio.testsupport.ReplyCorpus;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FastDecompressor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The three codecs considered for the response cache, side by side on the same ~4 KB corpus
 * replies in one run: zlib level 6 (the cache's codec until 2026-11-29, kept here only as the
 * baseline), zstd level 6 with its checksum (the cache's codec now, as {@code ZstdCodec} sets it up;
 * also without the checksum, to show what it costs) and LZ4 (fast and high-compression). Each
 * benchmark decompresses one entry with a reused context, which is what a cache hit pays on top of a
 * raw hit. {@code main} prints the corpus ratio of each codec at several levels.
 *
 * <pre>./mvnw test-compile exec:exec -Djmh.args="CacheCodecBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s"
 * ./mvnw test-compile exec:exec -Dbench.main=dev.localagent.studio.bench.CacheCodecBenchmark -Dbench.args=ratios</pre>
 */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CacheCodecBenchmark {

    private static final int ENTRIES = 200;

    private byte[][] raw;
    private byte[][] zlib;
    private byte[][] zstd;
    private byte[][] zstdNoChecksum;
    private byte[][] lz4;
    private byte[][] lz4hc;
    private final Inflater inflater = new Inflater();
    private final ZstdDecompressCtx zstdContext = new ZstdDecompressCtx();
    private final LZ4FastDecompressor lz4Decompressor = LZ4Factory.fastestInstance().fastDecompressor();

    @Setup
    public void compressCorpus() {
        raw = corpus();
        zlib = new byte[ENTRIES][];
        zstd = new byte[ENTRIES][];
        zstdNoChecksum = new byte[ENTRIES][];
        lz4 = new byte[ENTRIES][];
        lz4hc = new byte[ENTRIES][];
        LZ4Factory factory = LZ4Factory.fastestInstance();
        try (ZstdCompressCtx zstdCompressor = new ZstdCompressCtx().setLevel(6).setChecksum(true);
                ZstdCompressCtx bare = new ZstdCompressCtx().setLevel(6)) {
            for (int i = 0; i < ENTRIES; i++) {
                zlib[i] = deflate(raw[i], 6);
                zstd[i] = zstdCompressor.compress(raw[i]);
                zstdNoChecksum[i] = bare.compress(raw[i]);
                lz4[i] = factory.fastCompressor().compress(raw[i]);
                lz4hc[i] = factory.highCompressor(9).compress(raw[i]);
            }
        }
    }

    @TearDown
    public void release() {
        inflater.end();
        zstdContext.close();
    }

    @Benchmark
    public byte[] zlibLevel6Inflate() throws DataFormatException {
        int i = ThreadLocalRandom.current().nextInt(ENTRIES);
        inflater.reset();
        inflater.setInput(zlib[i]);
        byte[] out = new byte[raw[i].length];
        int n = inflater.inflate(out);
        if (n != out.length) {
            throw new IllegalStateException("short inflate");
        }
        return out;
    }

    @Benchmark
    public byte[] zstdLevel6Decompress() {
        int i = ThreadLocalRandom.current().nextInt(ENTRIES);
        return zstdContext.decompress(zstd[i], raw[i].length);
    }

    @Benchmark
    public byte[] zstdLevel6NoChecksumDecompress() {
        int i = ThreadLocalRandom.current().nextInt(ENTRIES);
        return zstdContext.decompress(zstdNoChecksum[i], raw[i].length);
    }

    @Benchmark
    public byte[] lz4FastDecompress() {
        int i = ThreadLocalRandom.current().nextInt(ENTRIES);
        return lz4Decompressor.decompress(lz4[i], raw[i].length);
    }

    @Benchmark
    public byte[] lz4HighDecompress() {
        int i = ThreadLocalRandom.current().nextInt(ENTRIES);
        return lz4Decompressor.decompress(lz4hc[i], raw[i].length);
    }

    /** The corpus the cache's ratio test uses: 200 replies of ~4 KB from seed 11. */
    static byte[][] corpus() {
        List<String> texts = ReplyCorpus.replies(11, ENTRIES, 4_000);
        byte[][] bytes = new byte[ENTRIES][];
        for (int i = 0; i < ENTRIES; i++) {
            bytes[i] = texts.get(i).getBytes(StandardCharsets.UTF_8);
        }
        return bytes;
    }

    static byte[] deflate(byte[] input, int level) {
        Deflater deflater = new Deflater(level);
        try {
            deflater.setInput(input);
            deflater.finish();
            byte[] out = new byte[input.length + 64];
            int n = 0;
            while (!deflater.finished()) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                n += deflater.deflate(out, n, out.length - n);
            }
            return Arrays.copyOf(out, n);
        } finally {
            deflater.end();
        }
    }

    /** Prints each codec's ratio (raw bytes / compressed bytes) over the corpus. */
    public static void main(String[] args) {
        byte[][] corpus = corpus();
        long rawTotal = Arrays.stream(corpus).mapToLong(b -> b.length).sum();
        System.out.printf("corpus: %d replies, %,d bytes%n", corpus.length, rawTotal);
        for (int level : new int[] {1, 6, 9}) {
            report("zlib level " + level, rawTotal, Arrays.stream(corpus).mapToLong(b -> deflate(b, level).length).sum());
        }
        for (int level : new int[] {1, 3, 6, 9, 19}) {
            try (ZstdCompressCtx c = new ZstdCompressCtx().setLevel(level)) {
                report("zstd level " + level, rawTotal, Arrays.stream(corpus).mapToLong(b -> c.compress(b).length).sum());
            }
        }
        LZ4Factory factory = LZ4Factory.fastestInstance();
        LZ4Compressor fast = factory.fastCompressor();
        report("lz4 fast", rawTotal, Arrays.stream(corpus).mapToLong(b -> fast.compress(b).length).sum());
        for (int level : new int[] {9, 17}) {
            LZ4Compressor high = factory.highCompressor(level);
            report("lz4 high " + level, rawTotal, Arrays.stream(corpus).mapToLong(b -> high.compress(b).length).sum());
        }
    }

    private static void report(String codec, long rawTotal, long compressed) {
        System.out.printf("%-14s %,9d bytes  ratio %.2fx%n", codec, compressed, (double) rawTotal / compressed);
    }
}
