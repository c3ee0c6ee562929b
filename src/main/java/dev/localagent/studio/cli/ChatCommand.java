package dev.localagent.studio.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localagent.studio.app.Studio;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.ChatResult;
import dev.localagent.studio.model.ClientTimings;
import dev.localagent.studio.model.Usage;
import dev.localagent.studio.service.provider.CancelSignal;
import dev.localagent.studio.service.provider.ProviderException;
import dev.localagent.studio.service.resilience.CallFailedException;
import dev.localagent.studio.service.resilience.CallRecord;
import dev.localagent.studio.service.resilience.PipelineResult;
import dev.localagent.studio.service.resilience.ProviderPipeline;
import dev.localagent.studio.service.resilience.RetryDelay;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code studio chat}: one prompt to one provider. Prints the reply as it streams and a line of
 * facts, or with {@code --json} one JSON object. A failure is one line naming the provider and the
 * error class, exit code 1.
 */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = "Send one prompt to a provider and print the reply as it streams, then one line of facts.")
final class ChatCommand implements Callable<Integer> {

    static final int EXIT_FAILED = 1;

    @Spec
    CommandSpec spec;

    @Mixin
    StudioOptions options;

    @Option(names = "--provider", required = true, paramLabel = "ID",
            description = "A configured provider: sim-ollama, sim-openai, sim-gemini, sim-perplexity, ollama, openai, gemini, perplexity.")
    String providerId;

    @Option(names = "--model", paramLabel = "M", description = "Model name (default: the provider's default model).")
    String model;

    @Option(names = "--base-url", paramLabel = "URL", description = "Base URL to use instead of the configured one (OpenAI's includes /v1).")
    String baseUrl;

    @Option(names = "--system", paramLabel = "TEXT", description = "System prompt.")
    String system;

    @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature.")
    Double temperature;

    @Option(names = "--max-tokens", paramLabel = "N", description = "Most output tokens.")
    Integer maxTokens;

    @Option(names = "--no-stream", description = "Ask for one whole reply instead of a stream.")
    boolean noStream;

    @Option(names = "--json", description = "Print one JSON object (text, finishReason, usage, timings, provider, model) instead.")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "PROMPT", description = "The prompt; several words are joined with spaces.")
    List<String> prompt;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Studio studio = options.startStudio()) {
            ProviderPipeline pipeline = baseUrl != null && !baseUrl.isBlank()
                    ? studio.pipelineAt(providerId, baseUrl)
                    : studio.pipelines().pipeline(providerId);
            String modelName = model != null ? model : pipeline.config().defaultModel();
            ChatRequest request = ChatRequest.builder(modelName).systemPrompt(system).user(String.join(" ", prompt))
                    .temperature(temperature).maxOutputTokens(maxTokens).stream(!noStream).build();
            PipelineResult answered = pipeline.call(request, text -> {
                if (!json) {
                    out.print(text);
                    out.flush();
                }
            }, new CancelSignal());
            ChatResult result = answered.result();
            if (json) {
                out.println(toJson(pipeline.providerId(), answered));
            } else {
                if (noStream) {
                    out.print(result.text());
                }
                out.println();
                out.println(facts(result) + costFact(answered) + resilienceFacts(answered.record()));
            }
            out.flush();
            return 0;
        } catch (CallFailedException e) {
            out.flush();
            if (e.outputSeen() && !json) {
                out.println();
            }
            Throwable cause = e.getCause();
            String errorClass = cause instanceof ProviderException p ? p.errorClass() : cause.getClass().getSimpleName();
            err.println(errorClass + ": " + e.getMessage() + attemptsNote(e.record()));
            return EXIT_FAILED;
        } catch (IllegalArgumentException e) {
            err.println("chat: " + e.getMessage());
            return EXIT_FAILED;
        }
    }

    /** {@code  · $0.0004}, or {@code  · $0.0004 (estimated)}; empty when no price is known. */
    static String costFact(PipelineResult answered) {
        return answered.cost()
                .map(c -> " · $" + c.total().setScale(c.total().abs().compareTo(new java.math.BigDecimal("0.10")) < 0 ? 6 : 2,
                        java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + (c.estimated() ? " (estimated)" : ""))
                .orElse("");
    }

    /** {@code  · 2 retries, waited 1.2 s · fallback sim-ollama}; empty when nothing happened. */
    static String resilienceFacts(CallRecord record) {
        StringBuilder s = new StringBuilder();
        if (!record.retryDelays().isEmpty()) {
            s.append(" · ").append(record.retryDelays().size()).append(record.retryDelays().size() == 1 ? " retry" : " retries");
        }
        if (!record.rateLimitWait().isZero()) {
            s.append(String.format(Locale.ROOT, " · rate limit wait %d ms", record.rateLimitWait().toMillis()));
        }
        if (record.fallbackProvider() != null) {
            s.append(" · answered by ").append(record.fallbackProvider());
        }
        if (record.cacheHit()) {
            s.append(" · cache hit");
        }
        return s.toString();
    }

    private static String attemptsNote(CallRecord record) {
        return record.attempts() > 1 ? " (after " + record.attempts() + " attempts)" : "";
    }

    /** {@code tokens in 12 · out 40 · TTFT 85 ms · 45.2 tokens/s · total 1.02 s}. */
    static String facts(ChatResult r) {
        Usage u = r.usage();
        ClientTimings t = r.clientTimings();
        return String.format(Locale.ROOT, "tokens in %s · out %s · TTFT %s · %s tokens/s · total %s · %s",
                count(u.promptTokens()), count(u.completionTokens()), millis(t.timeToFirstTokenNanos()), rate(r),
                t.endToEndNanos() < 0 ? "?" : String.format(Locale.ROOT, "%.2f s", t.endToEndNanos() / 1e9),
                r.finishReason().name().toLowerCase(Locale.ROOT));
    }

    /** Output tokens over the time after the first one; the server's own count when it gave one. */
    static String rate(ChatResult r) {
        ClientTimings t = r.clientTimings();
        Integer out = r.usage().completionTokens();
        long generating = t.endToEndNanos() - Math.max(0, t.timeToFirstTokenNanos());
        if (out == null || out < 2 || generating <= 0 || t.timeToFirstTokenNanos() < 0) {
            return "?";
        }
        return String.format(Locale.ROOT, "%.1f", (out - 1) / (generating / 1e9));
    }

    private static String count(Integer n) {
        return n == null ? "?" : n.toString();
    }

    private static String millis(long nanos) {
        return nanos < 0 ? "?" : String.format(Locale.ROOT, "%d ms", Math.round(nanos / 1e6));
    }

    static String toJson(String providerId, PipelineResult answered) {
        ChatResult r = answered.result();
        CallRecord record = answered.record();
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("provider", providerId);
        root.put("model", r.model());
        root.put("text", r.text());
        root.put("finishReason", r.finishReason().name());
        ObjectNode usage = root.putObject("usage");
        usage.put("promptTokens", r.usage().promptTokens());
        usage.put("completionTokens", r.usage().completionTokens());
        usage.put("cachedPromptTokens", r.usage().cachedPromptTokens());
        usage.put("reasoningTokens", r.usage().reasoningTokens());
        ObjectNode timings = root.putObject("timings");
        ClientTimings t = r.clientTimings();
        timings.put("timeToFirstByteMs", t.timeToFirstByteNanos() < 0 ? null : t.timeToFirstByteNanos() / 1e6);
        timings.put("timeToFirstTokenMs", t.timeToFirstTokenNanos() < 0 ? null : t.timeToFirstTokenNanos() / 1e6);
        timings.put("endToEndMs", t.endToEndNanos() < 0 ? null : t.endToEndNanos() / 1e6);
        String rate = rate(r);
        if (rate.equals("?")) {
            timings.putNull("tokensPerSecond");
        } else {
            timings.put("tokensPerSecond", Double.parseDouble(rate));
        }
        var gaps = timings.putArray("interTokenGapsMs");
        for (long gap : t.interTokenGapsNanos()) {
            gaps.add(gap / 1e6);
        }
        if (r.serverTimings().totalNanos() != null) {
            root.putObject("serverTimings").put("totalNs", r.serverTimings().totalNanos()).put("evalNs", r.serverTimings().evalNanos())
                    .put("promptEvalNs", r.serverTimings().promptEvalNanos()).put("loadNs", r.serverTimings().loadNanos());
        }
        if (!r.citations().isEmpty()) {
            var citations = root.putArray("citations");
            r.citations().forEach(citations::add);
        }
        if (r.reportedCostUsd() != null) {
            root.put("costUsd", r.reportedCostUsd());
        }
        root.put("attempts", record.attempts());
        var delays = root.putArray("retryDelaysMs");
        for (RetryDelay d : record.retryDelays()) {
            delays.addObject().put("delayMs", d.delay().toMillis()).put("reason", d.reason());
        }
        root.put("rateLimitWaitMs", record.rateLimitWait().toMillis());
        root.put("breakerState", record.breakerStateAtSend().name());
        root.put("fallbackProvider", record.fallbackProvider());
        root.put("cacheHit", record.cacheHit());
        answered.cost().ifPresent(c -> root.putObject("cost").put("totalUsd", c.total()).put("estimated", c.estimated())
                .put("priceSource", c.priceSource()));
        if (record.cacheSaved() != null) {
            root.putObject("cacheSaved").put("latencyMs", record.cacheSaved().latencyNanos() / 1e6)
                    .put("tokens", record.cacheSaved().tokens()).put("costUsd", record.cacheSaved().costUsd());
        }
        return root.toString();
    }
}
