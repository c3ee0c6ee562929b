package dev.localagent.studio.sim;

import java.util.List;

/**
 * One simulated model as a persona lists it.
 *
 * @param id the name a client sends ({@code llama3.2}, {@code gpt-4o-mini}, {@code gemini-2.5-flash})
 * @param snapshot what OpenAI echoes in {@code model} (a dated snapshot); the id elsewhere
 * @param family model family ({@code llama}, {@code gpt-4o}, {@code gemini}, {@code sonar})
 * @param parameterSize Ollama's {@code parameter_size}, e.g. {@code 3.2B}; empty if unpublished
 * @param contextLength tokens of context (Ollama {@code <arch>.context_length}, Gemini {@code inputTokenLimit})
 * @param maxOutputTokens the most a reply may be
 * @param reasoning OpenAI reasoning models reject {@code max_tokens}; Gemini thinking models count thoughts
 * @param inputPerMillion USD per 1M prompt tokens (Perplexity's {@code usage.cost})
 * @param outputPerMillion USD per 1M reply tokens
 * @param requestFees USD per 1,000 requests by search context size low, medium, high (Perplexity)
 * @param pacing this model's speed, or {@code null} for the persona's
 */
public record SimModel(
        Persona persona,
        String id,
        String snapshot,
        String displayName,
        String family,
        String parameterSize,
        int contextLength,
        int maxOutputTokens,
        boolean reasoning,
        double inputPerMillion,
        double outputPerMillion,
        List<Double> requestFees,
        long created,
        Pacing pacing) {

    public SimModel {
        requestFees = requestFees == null ? List.of() : List.copyOf(requestFees);
    }
}
