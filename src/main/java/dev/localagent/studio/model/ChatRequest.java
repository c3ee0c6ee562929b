package dev.localagent.studio.model;

import java.util.List;
import java.util.Objects;

/**
 * What is asked of a provider, independent of its wire format. Optional parameters are null when
 * not set, so each provider sends only what the user chose. Build with {@link #builder(String)}.
 *
 * @param model the provider's model name ({@code gpt-4o-mini}, {@code llama3.2})
 * @param systemPrompt sent the way the provider expects (a system message, Gemini's
 *     {@code systemInstruction}); null for none
 * @param maxOutputTokens mapped to {@code max_tokens}, {@code max_completion_tokens},
 *     {@code num_predict} or {@code maxOutputTokens}
 * @param stream whether the reply is streamed; never part of a cache key
 */
public record ChatRequest(
        String model,
        String systemPrompt,
        List<ChatMessage> messages,
        Double temperature,
        Double topP,
        Integer maxOutputTokens,
        Long seed,
        List<String> stop,
        boolean stream) {

    public ChatRequest {
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
        stop = stop == null ? List.of() : List.copyOf(stop);
    }

    public static Builder builder(String model) {
        return new Builder(model);
    }

    public Builder toBuilder() {
        return new Builder(model).systemPrompt(systemPrompt).messages(messages).temperature(temperature).topP(topP)
                .maxOutputTokens(maxOutputTokens).seed(seed).stop(stop).stream(stream);
    }

    /** True when the same request should give the same answer: temperature 0 or a fixed seed. */
    public boolean deterministic() {
        return (temperature != null && temperature == 0.0) || seed != null;
    }

    /** Collects a request's parts; {@code stream} defaults to true. */
    public static final class Builder {
        private String model;
        private String systemPrompt;
        private List<ChatMessage> messages = List.of();
        private Double temperature;
        private Double topP;
        private Integer maxOutputTokens;
        private Long seed;
        private List<String> stop = List.of();
        private boolean stream = true;

        private Builder(String model) {
            this.model = model;
        }

        public Builder model(String value) {
            this.model = value;
            return this;
        }

        public Builder systemPrompt(String value) {
            this.systemPrompt = value;
            return this;
        }

        public Builder messages(List<ChatMessage> value) {
            this.messages = value;
            return this;
        }

        /** Shorthand for a one-turn conversation. */
        public Builder user(String prompt) {
            this.messages = List.of(ChatMessage.user(prompt));
            return this;
        }

        public Builder temperature(Double value) {
            this.temperature = value;
            return this;
        }

        public Builder topP(Double value) {
            this.topP = value;
            return this;
        }

        public Builder maxOutputTokens(Integer value) {
            this.maxOutputTokens = value;
            return this;
        }

        public Builder seed(Long value) {
            this.seed = value;
            return this;
        }

        public Builder stop(List<String> value) {
            this.stop = value;
            return this;
        }

        public Builder stream(boolean value) {
            this.stream = value;
            return this;
        }

        public ChatRequest build() {
            return new ChatRequest(model, systemPrompt, messages, temperature, topP, maxOutputTokens, seed, stop, stream);
        }
    }
}
