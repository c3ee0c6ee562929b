package dev.localagent.studio.service.cache;

import dev.localagent.studio.model.CacheStrategy;
import dev.localagent.studio.model.ChatMessage;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.ChatResult;
import dev.localagent.studio.model.FinishReason;
import dev.localagent.studio.model.ProviderKind;
import dev.localagent.studio.model.Role;
import dev.localagent.studio.service.config.CacheSettings;
import java.time.Duration;
import java.util.Optional;

/**
 * The four strategies as one pure function: given a provider's cache settings, the call and its
 * reply, whether to keep the reply, for how long, and why. The settings' TTL is the longest any
 * strategy keeps a reply; the cautious paths keep it for {@link #SHORT_TTL} at most.
 */
public final class CachePolicy {

    /** How long a reply is kept when the strategy trusts it only a little. */
    public static final Duration SHORT_TTL = Duration.ofMinutes(5);

    private CachePolicy() {}

    public static CacheDecision decide(CacheSettings settings, CacheRequest call, ChatResult result) {
        CacheStrategy strategy = settings.strategy();
        if (strategy == CacheStrategy.DISABLED) {
            return CacheDecision.skip("disabled: the cache is off for this provider");
        }
        Duration longest = Duration.ofSeconds(settings.ttlSeconds());
        if (longest.isZero()) {
            return CacheDecision.skip(lower(strategy) + ": the provider's cache TTL is 0");
        }
        Optional<String> failure = unsuccessful(result);
        if (failure.isPresent()) {
            return CacheDecision.skip(lower(strategy) + ": " + failure.get());
        }
        ChatRequest request = call.request();
        return switch (strategy) {
            case AGGRESSIVE -> CacheDecision.keep(longest, "aggressive: every successful reply");
            case CONSERVATIVE -> request.deterministic()
                    ? CacheDecision.keep(shortest(longest), "conservative: deterministic request (" + determinism(request) + ")")
                    : CacheDecision.skip("conservative: not deterministic (" + sampling(request) + ")");
            case SELECTIVE -> selective(call, result, longest);
            case DISABLED -> throw new AssertionError("handled above");
        };
    }

    private static CacheDecision selective(CacheRequest call, ChatResult result, Duration longest) {
        if (call.kind() == ProviderKind.PERPLEXITY) {
            return CacheDecision.skip("selective: web-search answer (Perplexity) goes stale");
        }
        if (!result.citations().isEmpty()) {
            return CacheDecision.skip("selective: web-search answer (" + result.citations().size() + " citations) goes stale");
        }
        Optional<String> signal = timeSensitiveSignal(call.request());
        if (signal.isPresent()) {
            return CacheDecision.skip("selective: time-sensitive prompt ('" + signal.get() + "')");
        }
        ChatRequest request = call.request();
        if (request.deterministic()) {
            return CacheDecision.keep(longest, "selective: deterministic request (" + determinism(request) + "), full TTL");
        }
        return CacheDecision.keep(shortest(longest), "selective: sampled request (" + sampling(request) + "), short TTL");
    }

    /** The prompt's own words decide: the system prompt and what the user wrote, not earlier answers. */
    static Optional<String> timeSensitiveSignal(ChatRequest request) {
        Optional<String> inSystem = TimeSensitivePrompts.firstSignal(request.systemPrompt());
        if (inSystem.isPresent()) {
            return inSystem;
        }
        for (ChatMessage m : request.messages()) {
            if (m.role() != Role.ASSISTANT) {
                Optional<String> found = TimeSensitivePrompts.firstSignal(m.content());
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> unsuccessful(ChatResult result) {
        if (result.finishReason() != FinishReason.STOP && result.finishReason() != FinishReason.LENGTH) {
            return Optional.of("reply ended with " + result.finishReason().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (result.text().isBlank()) {
            return Optional.of("reply is empty");
        }
        return Optional.empty();
    }

    private static Duration shortest(Duration longest) {
        return longest.compareTo(SHORT_TTL) < 0 ? longest : SHORT_TTL;
    }

    private static String determinism(ChatRequest r) {
        return r.seed() != null ? "seed " + r.seed() : "temperature 0";
    }

    private static String sampling(ChatRequest r) {
        return "temperature " + (r.temperature() == null ? "default" : r.temperature()) + ", no seed";
    }

    private static String lower(CacheStrategy s) {
        return s.name().toLowerCase(java.util.Locale.ROOT);
    }
}
