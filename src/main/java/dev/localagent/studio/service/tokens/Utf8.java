package dev.localagent.studio.service.tokens;

/** UTF-8 length without encoding: the estimator's unit, computed on every keystroke. */
final class Utf8 {

    private Utf8() {}

    static long length(CharSequence s) {
        long bytes = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3; // the rest of the BMP; a lone surrogate is malformed text and counted like its neighbours
            }
        }
        return bytes;
    }
}
