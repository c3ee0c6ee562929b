package dev.localagent.studio.service.store;

/**
 * A named set of sampling parameters for the chat. A null parameter means "the provider's default".
 *
 * @param builtIn shipped with the app (Precise, Balanced, Creative): not stored, cannot be deleted
 */
public record SamplingPreset(String name, Double temperature, Double topP, Integer maxOutputTokens, Long seed, boolean builtIn) {}
