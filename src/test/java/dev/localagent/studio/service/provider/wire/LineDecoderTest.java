package dev.localagent.studio.service.provider.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineDecoderTest {

    private static List<String> linesOf(byte[] bytes, int cut) {
        List<String> lines = new ArrayList<>();
        LineDecoder decoder = new LineDecoder(1024);
        decoder.feed(bytes, 0, cut, lines::add);
        decoder.feed(bytes, cut, bytes.length - cut, lines::add);
        decoder.finish(lines::add);
        return lines;
    }

    @Test
    void endsLinesAtLfCrlfAndLoneCrWhereverTheReadsAreCut() {
        byte[] bytes = "a\nb\r\nc\rd\r\n\r\ne".getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= bytes.length; cut++) {
            assertThat(linesOf(bytes, cut)).as("cut at %d", cut).containsExactly("a", "b", "c", "d", "", "e");
        }
    }

    @Test
    void keepsAMultiByteCharacterSplitAcrossTwoReads() {
        byte[] bytes = "naïve – 東京 🙂\n".getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= bytes.length; cut++) {
            assertThat(linesOf(bytes, cut)).as("cut at %d", cut).containsExactly("naïve – 東京 🙂");
        }
    }

    @Test
    void failsALineLongerThanTheLimitInsteadOfGrowingWithoutBound() {
        LineDecoder decoder = new LineDecoder(16);
        byte[] big = new byte[17];
        java.util.Arrays.fill(big, (byte) 'x');
        assertThatThrownBy(() -> decoder.feed(big, 0, big.length, line -> {}))
                .isInstanceOf(LineDecoder.LineTooLongException.class);
        assertThat(decoder.bufferedBytes()).isLessThanOrEqualTo(16);
    }

    @Test
    void reportsWhetherAnUnterminatedLastLineWasHandedOver() {
        LineDecoder decoder = new LineDecoder(64);
        List<String> lines = new ArrayList<>();
        decoder.feed("x\n".getBytes(StandardCharsets.UTF_8), 0, 2, lines::add);
        assertThat(decoder.finish(lines::add)).isFalse();
        decoder.feed("tail".getBytes(StandardCharsets.UTF_8), 0, 4, lines::add);
        assertThat(decoder.finish(lines::add)).isTrue();
        assertThat(lines).containsExactly("x", "tail");
    }
}
