package dev.localagent.studio.service.tokens;

/**
 * A number of tokens and how it was found.
 *
 * @param encoding the BPE encoding that counted exactly ({@code o200k_base}), or the estimate's
 *     description ({@code estimate:llama})
 * @param exact true for a real tokenizer's count, false for a calibrated estimate
 */
public record TokenCount(int tokens, String encoding, boolean exact) {}
