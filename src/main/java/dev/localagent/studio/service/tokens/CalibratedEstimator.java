package dev.localagent.studio.service.tokens;

/**
 * A token estimate for one model that learns from the server: tokens per UTF-8 byte as a ratio of
 * decayed sums, seeded with the family's prior worth {@link #PRIOR_BYTES} bytes. UTF-8 bytes rather
 * than characters because a CJK character is one char but several tokens' worth of bytes, so the
 * ratio moves less between scripts. Each observation is first predicted and scored, then learned,
 * so the reported error is honest about how the estimate would have done. Thread-safe.
 */
final class CalibratedEstimator {

    /** The prior weighs as much as about two short replies, so the first real counts move it quickly. */
    static final double PRIOR_BYTES = 1_000;
    /** Older observations fade, so a model swapped behind the same name is relearned. */
    static final double DECAY = 0.98;
    /** Weight of the newest error in the moving average. */
    static final double ERROR_WEIGHT = 0.2;

    private final String model;
    private final ModelFamily family;
    private double byteSum;
    private double tokenSum;
    private double errorAverage = Double.NaN;
    private int samples;

    CalibratedEstimator(String model, ModelFamily family) {
        this.model = model;
        this.family = family;
        this.byteSum = PRIOR_BYTES;
        this.tokenSum = PRIOR_BYTES / family.seedBytesPerToken();
    }

    ModelFamily family() {
        return family;
    }

    synchronized int estimate(long utf8Bytes) {
        return (int) Math.round(utf8Bytes * tokenSum / byteSum);
    }

    /** Scores the current estimate against a server's count for the same text, then learns from it. */
    synchronized void observe(long utf8Bytes, int serverTokens) {
        if (utf8Bytes <= 0 || serverTokens <= 0) {
            return;
        }
        double predicted = utf8Bytes * tokenSum / byteSum;
        double error = Math.abs(predicted - serverTokens) / serverTokens;
        errorAverage = Double.isNaN(errorAverage) ? error : (1 - ERROR_WEIGHT) * errorAverage + ERROR_WEIGHT * error;
        byteSum = byteSum * DECAY + utf8Bytes;
        tokenSum = tokenSum * DECAY + serverTokens;
        samples++;
    }

    synchronized EstimatorStatus status() {
        return new EstimatorStatus(model, family, samples, byteSum / tokenSum, errorAverage * 100);
    }
}
