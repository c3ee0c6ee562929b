package dev.localagent.studio.service.provider.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The eight-at-a-time search agrees with a byte-by-byte search on every range of random arrays. */
class SwarBytesTest {

    private static boolean lineEnd(byte b) {
        return b == '\n' || b == '\r';
    }

    /** What a correct search may return: the first match, or any index from which at most 7 bytes remain and none of them before it matches. */
    private static void check(byte[] bytes, int from, int to, int found, java.util.function.Predicate<Byte> matches) {
        int first = from;
        while (first < to && !matches.test(bytes[first])) {
            first++;
        }
        assertThat(found).isBetween(from, first);
        if (found < first) {
            assertThat(to - found).as("gave up early with more than 7 bytes left").isLessThan(8);
        }
        if (first < to && to - first >= 8) {
            assertThat(found).isEqualTo(first);
        }
    }

    @Test
    void findsTheFirstLineEndOrStopsWithinTheLastWord() {
        Random random = new Random(1);
        for (int round = 0; round < 3_000; round++) {
            byte[] bytes = randomBytes(random, new byte[] {'\n', '\r', 'a', ' ', (byte) 0x8A, (byte) 0x8D, 0x0B, 0x0C});
            int from = random.nextInt(bytes.length + 1);
            int to = from + random.nextInt(bytes.length - from + 1);
            check(bytes, from, to, SwarBytes.firstLineEnd(bytes, from, to), SwarBytesTest::lineEnd);
        }
    }

    /** Mostly one plain byte with a few awkward ones, so matches fall at every position of a word. */
    private static byte[] randomBytes(Random random, byte[] awkward) {
        byte[] bytes = new byte[random.nextInt(80)];
        for (int i = 0; i < bytes.length; i++) {
            int pick = random.nextInt(20);
            bytes[i] = pick < awkward.length ? awkward[pick] : (byte) ('a' + random.nextInt(26));
        }
        if (random.nextInt(4) == 0) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) random.nextInt(256);
            }
        }
        return bytes;
    }
}
