package dev.localagent.studio.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The models each persona serves. Names and limits follow the real providers (see PROTOCOLS.md
 * §7 for the prices), so model pickers, context checks and 404s behave as against the real thing.
 * The app's built-in providers default to {@code llama3.2}, {@code gpt-4o-mini},
 * {@code gemini-2.5-flash} and {@code sonar}: those must stay here.
 */
public final class ModelCatalogue {

    private static final List<SimModel> ALL = new ArrayList<>();

    static {
        ollama("llama3.2", "llama", "3.2B", 131_072, Pacing.of(Duration.ofMillis(80), 45));
        ollama("llama3.1:8b", "llama", "8.0B", 131_072, Pacing.of(Duration.ofMillis(150), 25));
        ollama("qwen2.5-coder:7b", "qwen2", "7.6B", 32_768, Pacing.of(Duration.ofMillis(140), 28));
        ollama("mistral", "llama", "7.2B", 32_768, Pacing.of(Duration.ofMillis(130), 30));
        ollama("gemma3:4b", "gemma3", "4.3B", 131_072, Pacing.of(Duration.ofMillis(100), 40));
        ollama("deepseek-r1:8b", "qwen3", "8.2B", 131_072, Pacing.of(Duration.ofMillis(160), 24));

        openai("gpt-4o-mini", "gpt-4o-mini-2024-07-18", "gpt-4o", 128_000, 16_384, false, 0.15, 0.60, 1721172741L);
        openai("gpt-4o", "gpt-4o-2024-08-06", "gpt-4o", 128_000, 16_384, false, 2.50, 10.00, 1715367049L);
        openai("gpt-4.1", "gpt-4.1-2025-04-14", "gpt-4.1", 1_047_576, 32_768, false, 2.00, 8.00, 1744316542L);
        openai("gpt-4.1-mini", "gpt-4.1-mini-2025-04-14", "gpt-4.1", 1_047_576, 32_768, false, 0.40, 1.60, 1744318173L);
        openai("gpt-4.1-nano", "gpt-4.1-nano-2025-04-14", "gpt-4.1", 1_047_576, 32_768, false, 0.10, 0.40, 1744321707L);
        openai("o3", "o3-2025-04-16", "o3", 200_000, 100_000, true, 2.00, 8.00, 1744225308L);
        openai("o4-mini", "o4-mini-2025-04-16", "o4", 200_000, 100_000, true, 1.10, 4.40, 1744225351L);
        openai("gpt-5", "gpt-5-2025-08-07", "gpt-5", 400_000, 128_000, true, 1.25, 10.00, 1754425777L);
        openai("gpt-5-mini", "gpt-5-mini-2025-08-07", "gpt-5", 400_000, 128_000, true, 0.25, 2.00, 1754425928L);
        openai("gpt-5-nano", "gpt-5-nano-2025-08-07", "gpt-5", 400_000, 128_000, true, 0.05, 0.40, 1754426384L);
        openai("gpt-3.5-turbo", "gpt-3.5-turbo-0125", "gpt-3.5", 16_385, 4_096, false, 0.50, 1.50, 1677610602L);

        gemini("gemini-2.5-flash", "Gemini 2.5 Flash", 1_048_576, 65_536, true, 0.30, 2.50);
        gemini("gemini-2.5-pro", "Gemini 2.5 Pro", 1_048_576, 65_536, true, 1.25, 10.00);
        gemini("gemini-2.5-flash-lite", "Gemini 2.5 Flash-Lite", 1_048_576, 65_536, true, 0.10, 0.40);
        gemini("gemini-2.0-flash", "Gemini 2.0 Flash", 1_048_576, 8_192, false, 0.10, 0.40);
        gemini("gemini-3-pro-preview", "Gemini 3 Pro Preview", 1_048_576, 65_536, true, 2.00, 12.00);
        gemini("gemini-3-flash-preview", "Gemini 3 Flash Preview", 1_048_576, 65_536, true, 0.50, 3.00);

        perplexity("sonar", 127_072, false, 1, 1, List.of(5.0, 8.0, 12.0));
        perplexity("sonar-pro", 200_000, false, 3, 15, List.of(6.0, 10.0, 14.0));
        perplexity("sonar-reasoning-pro", 127_072, true, 2, 8, List.of(6.0, 10.0, 14.0));
        perplexity("sonar-deep-research", 127_072, true, 2, 8, List.of(5.0, 5.0, 5.0));
    }

    private ModelCatalogue() {}

    public static List<SimModel> of(Persona persona) {
        return ALL.stream().filter(m -> m.persona() == persona).toList();
    }

    /**
     * Finds a model as the persona would: Ollama ignores a {@code :latest} tag, Gemini accepts the
     * {@code models/} prefix, OpenAI also accepts the dated snapshot name.
     */
    public static Optional<SimModel> find(Persona persona, String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = switch (persona) {
            case OLLAMA -> name.endsWith(":latest") ? name.substring(0, name.length() - ":latest".length()) : name;
            case GEMINI -> name.startsWith("models/") ? name.substring("models/".length()) : name;
            default -> name;
        };
        for (SimModel m : ALL) {
            if (m.persona() == persona && (m.id().equals(wanted) || m.snapshot().equals(wanted))) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    private static void ollama(String id, String family, String size, int ctx, Pacing pacing) {
        ALL.add(new SimModel(Persona.OLLAMA, id, id, id, family, size, ctx, ctx, id.startsWith("deepseek-r1"), 0, 0, List.of(),
                1746405464L, pacing));
    }

    private static void openai(String id, String snapshot, String family, int ctx, int maxOut, boolean reasoning,
            double in, double out, long created) {
        ALL.add(new SimModel(Persona.OPENAI, id, snapshot, id, family, "", ctx, maxOut, reasoning, in, out, List.of(), created, null));
    }

    private static void gemini(String id, String display, int ctx, int maxOut, boolean thinking, double in, double out) {
        ALL.add(new SimModel(Persona.GEMINI, id, id, display, "gemini", "", ctx, maxOut, thinking, in, out, List.of(), 0, null));
    }

    private static void perplexity(String id, int ctx, boolean reasoning, double in, double out, List<Double> fees) {
        ALL.add(new SimModel(Persona.PERPLEXITY, id, id, id, "sonar", "", ctx, 8_192, reasoning, in, out, fees, 0, null));
    }
}
