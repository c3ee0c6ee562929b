package dev.localagent.studio.ui.chat;

import dev.localagent.studio.model.ProviderKind;

/**
 * The sampling values each protocol accepts (PROTOCOLS.md). Checked before sending, so a value the
 * provider would refuse with a 400 is refused here with one sentence instead.
 *
 * @param maxTemperature temperature runs from 0 to this
 * @param seed whether the protocol takes a seed (Perplexity's does not)
 */
record SamplingLimits(double maxTemperature, double maxTopP, int maxOutputTokens, boolean seed) {

    static SamplingLimits of(ProviderKind kind) {
        return switch (kind) {
            // OpenAI and Gemini document 0–2; Ollama passes larger values to llama.cpp, but above 2 the
            // output is noise, so the same range keeps presets portable between providers.
            case OPENAI, GEMINI, OLLAMA -> new SamplingLimits(2.0, 1.0, 1_000_000, true);
            case PERPLEXITY -> new SamplingLimits(2.0, 1.0, 1_000_000, false);
        };
    }
}
