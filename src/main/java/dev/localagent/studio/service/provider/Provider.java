package dev.localagent.studio.service.provider;

import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.ChatResult;
import dev.localagent.studio.model.ProviderKind;
import java.util.List;
import java.util.function.Consumer;

/**
 * One configured LLM service, spoken to in its own wire protocol over the shared pooled client.
 * Every method blocks (run it on a virtual thread) and fails with a {@link ProviderException}
 * subtype that says what happened and whether trying again could help. Thread-safe.
 */
public interface Provider {

    /** The config's id, e.g. {@code sim-openai}. */
    String id();

    ProviderKind kind();

    Capabilities capabilities();

    /** The models the service offers, as it names them (Gemini's without the {@code models/} prefix). */
    List<ModelInfo> listModels();

    /** One whole reply, not streamed. {@link ChatRequest#stream()} is ignored. */
    ChatResult chat(ChatRequest request);

    /**
     * Streams the reply: each piece of text goes to the listener as it arrives, and the finished
     * result is returned when the stream has ended. Cancelling the signal aborts the exchange at
     * once and ends the call with {@link CancelledException}.
     */
    ChatResult stream(ChatRequest request, StreamListener listener, CancelSignal cancel);

    default ChatResult stream(ChatRequest request, StreamListener listener) {
        return stream(request, listener, new CancelSignal());
    }

    /** Whether the service answers, how fast, and its version where it tells; never throws. */
    Health health();

    /**
     * Hears the rate-limit state a successful response announced ({@code x-ratelimit-remaining-*}),
     * so a limiter can pause before the provider starts refusing. Called on the calling thread;
     * providers that announce nothing never call it.
     */
    default void onRateLimitStatus(Consumer<RateLimitInfo> listener) {}
}
