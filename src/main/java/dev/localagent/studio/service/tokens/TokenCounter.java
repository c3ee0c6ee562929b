package dev.localagent.studio.service.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.ChatResult;
import dev.localagent.studio.model.Usage;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts tokens for any model: exactly with JTokkit for OpenAI's encodings, by a calibrated estimate
 * for the rest. Server-reported usage stays the truth for accounting; these counts serve admission,
 * the live count while typing, and replies whose server reported nothing. Thread-safe.
 *
 * <p>Chat overhead follows OpenAI's cookbook ({@code num_tokens_from_messages}): 3 tokens per
 * message, 1 more per name, 3 for the reply primer {@code <|start|>assistant<|message|>}. Text is
 * encoded as ordinary text: a user typing {@code <|endoftext|>} gets it counted, not rejected.
 */
public final class TokenCounter {

    static final int TOKENS_PER_MESSAGE = 3;
    static final int TOKENS_PER_NAME = 1;
    static final int REPLY_PRIMER = 3;

    /** Loading o200k_base takes about a second; the encodings are immutable, so every counter shares them. */
    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    private final EncodingRegistry registry = REGISTRY;
    private final Map<String, CalibratedEstimator> estimators = new ConcurrentHashMap<>();
    /** The encodings this counter has used or prepared, for {@link #ready}. */
    private final Set<EncodingType> used = ConcurrentHashMap.newKeySet();
    /** Messages' texts already counted: a conversation is counted again, whole, at each send. ~16 MB at most. */
    private final CountedTexts counted = new CountedTexts(8_000_000);

    /**
     * Loads the exact encoding of a model now, if it has one, so its first count does not wait for
     * it. Call it off the FX thread: loading o200k_base reads and indexes 200,000 token ranks, about
     * a second of work that allocates ~90 MB (~40 MB stay). Done at the first keystroke, as the live
     * estimate used to, it fell into the user's typing and sending, and its garbage into the first
     * second of the reply as collector pauses of 70-150 ms on two cores.
     *
     * @return whether the model counts exactly (and its encoding is loaded now)
     */
    public boolean prepare(String model) {
        Optional<EncodingType> exact = OpenAiEncodings.forModel(model);
        exact.ifPresent(this::encoding);
        return exact.isPresent();
    }

    /** Whether this counter has the model's exact encoding at hand; false for a model counted by estimate. */
    public boolean ready(String model) {
        return OpenAiEncodings.forModel(model).map(used::contains).orElse(false);
    }

    private Encoding encoding(EncodingType type) {
        Encoding encoding = registry.getEncoding(type);
        used.add(type);
        return encoding;
    }

    /** Counts a bare text, as {@code studio tokens} does. */
    public TokenCount count(String model, String text) {
        Optional<EncodingType> exact = OpenAiEncodings.forModel(model);
        if (exact.isPresent()) {
            Encoding encoding = encoding(exact.get());
            return new TokenCount(encoding.countTokensOrdinary(text), encoding.getName(), true);
        }
        CalibratedEstimator estimator = estimator(model).orElseThrow(() -> new UnknownModelException(model));
        return new TokenCount(estimator.estimate(Utf8.length(text)), "estimate:" + estimator.family().id(), false);
    }

    /** Counts what a request will send as its prompt, chat overhead included. */
    public TokenCount countPrompt(String model, ChatRequest request) {
        return countMessages(model, PromptMessage.of(request));
    }

    public TokenCount countMessages(String model, List<PromptMessage> messages) {
        Optional<EncodingType> exact = OpenAiEncodings.forModel(model);
        if (exact.isPresent()) {
            Encoding encoding = encoding(exact.get());
            int total = REPLY_PRIMER;
            for (PromptMessage m : messages) {
                total += TOKENS_PER_MESSAGE + encoding.countTokensOrdinary(m.role()) + counted.count(exact.get(), encoding, m.content());
                if (m.name() != null) {
                    total += TOKENS_PER_NAME + encoding.countTokensOrdinary(m.name());
                }
            }
            return new TokenCount(total, encoding.getName(), true);
        }
        CalibratedEstimator estimator = estimator(model).orElseThrow(() -> new UnknownModelException(model));
        ModelFamily f = estimator.family();
        return new TokenCount(estimator.estimate(contentBytes(messages)) + f.tokensPerMessage() * messages.size() + f.replyPrimerTokens(),
                "estimate:" + f.id(), false);
    }

    /** How many long message texts were encoded rather than found among those counted before; for tests. */
    long encodedTexts() {
        return counted.encoded();
    }

    /** True when the model's counts are exact, so there is nothing to calibrate. */
    public boolean isExact(String model) {
        return OpenAiEncodings.forModel(model).isPresent();
    }

    /**
     * Learns from a reply's server-reported usage. The completion count is pure text and is always
     * used; the prompt count is used once the family's template overhead is taken off, and skipped
     * when it is smaller than that overhead (Ollama shrinks it when the prompt came from its KV cache).
     */
    public void calibrate(String model, ChatRequest request, String replyText, Usage reported) {
        if (isExact(model) || reported == null || reported.estimated()) {
            return;
        }
        CalibratedEstimator estimator = estimators.computeIfAbsent(key(model),
                k -> new CalibratedEstimator(k, ModelFamily.of(model).orElse(ModelFamily.UNKNOWN)));
        if (reported.completionTokens() != null && replyText != null) {
            estimator.observe(Utf8.length(replyText), reported.completionTokens());
        }
        if (reported.promptTokens() != null && request != null) {
            List<PromptMessage> messages = PromptMessage.of(request);
            ModelFamily f = estimator.family();
            int overhead = f.tokensPerMessage() * messages.size() + f.replyPrimerTokens();
            if (reported.promptTokens() > overhead) {
                estimator.observe(contentBytes(messages), reported.promptTokens() - overhead);
            }
        }
    }

    /** The estimate's state for a model, if it has one (exact models have none). */
    public Optional<EstimatorStatus> calibration(String model) {
        return isExact(model) ? Optional.empty() : estimator(model).map(CalibratedEstimator::status);
    }

    /**
     * The usage to account a reply by: the server's where it gave one, else our own counts marked
     * as estimated. Missing halves are filled in; a model nothing can count keeps its gaps.
     */
    public Usage usageFor(String model, ChatRequest request, ChatResult result) {
        Usage u = result.usage();
        if (u.promptTokens() != null && u.completionTokens() != null) {
            return u;
        }
        try {
            Integer prompt = u.promptTokens() != null ? u.promptTokens() : countPrompt(model, request).tokens();
            Integer completion = u.completionTokens() != null ? u.completionTokens() : count(model, result.text()).tokens();
            return new Usage(prompt, completion, u.cachedPromptTokens(), u.reasoningTokens(), true);
        } catch (UnknownModelException e) {
            return u;
        }
    }

    private Optional<CalibratedEstimator> estimator(String model) {
        String key = key(model);
        CalibratedEstimator known = estimators.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        return ModelFamily.of(model).map(f -> estimators.computeIfAbsent(key, k -> new CalibratedEstimator(k, f)));
    }

    /** "llama3.2:latest", "llama3.2" and "models/gemini-2.5-flash" name one tokenizer each. */
    static String key(String model) {
        String name = model.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("models/")) {
            name = name.substring("models/".length());
        }
        if (name.endsWith(":latest")) {
            name = name.substring(0, name.length() - ":latest".length());
        }
        return name;
    }

    private static long contentBytes(List<PromptMessage> messages) {
        long bytes = 0;
        for (PromptMessage m : messages) {
            bytes += Utf8.length(m.content());
        }
        return bytes;
    }
}
