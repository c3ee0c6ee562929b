package dev.localagent.studio.service.tokens;

/**
 * Where one model's estimate stands.
 *
 * @param samples server-reported counts it has learned from
 * @param bytesPerToken UTF-8 bytes per token it currently assumes
 * @param meanAbsoluteErrorPercent how far its recent estimates were from the server's counts,
 *     measured before each correction (an exponential moving average); NaN before the first reply
 */
public record EstimatorStatus(String model, ModelFamily family, int samples, double bytesPerToken, double meanAbsoluteErrorPercent) {}
