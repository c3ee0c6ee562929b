package dev.localagent.studio.service.provider;

/**
 * What a provider's protocol can do, so callers can hide what it cannot.
 *
 * @param listsModels the service has a model-list endpoint (Perplexity does not; its catalogue is fixed)
 * @param reportsServerTimings the reply carries the server's own durations (Ollama)
 * @param reportsCost the reply carries its cost (Perplexity)
 * @param citations the reply can carry source URLs (Perplexity)
 * @param seed the protocol accepts a sampling seed
 */
public record Capabilities(boolean streaming, boolean listsModels, boolean reportsServerTimings, boolean reportsCost,
        boolean citations, boolean seed) {}
