package dev.localagent.studio.service.provider.ollama;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Ollama's native API on the wire (PROTOCOLS.md §1): sampling settings live inside {@code options}. */
final class OllamaWire {

    private OllamaWire() {}

    record Message(String role, String content) {}

    record Options(
            Double temperature,
            @JsonProperty("top_p") Double topP,
            @JsonProperty("num_predict") Integer numPredict,
            Long seed,
            List<String> stop) {}

    /** {@code stream} is always sent: Ollama streams when it is missing. */
    record ChatRequestDto(String model, List<Message> messages, boolean stream, Options options) {}

    /** One NDJSON line of a stream, or the whole non-streamed reply. Zero metrics are omitted by the server. */
    record ChatChunk(
            String model,
            Message message,
            Boolean done,
            @JsonProperty("done_reason") String doneReason,
            @JsonProperty("total_duration") Long totalDuration,
            @JsonProperty("load_duration") Long loadDuration,
            @JsonProperty("prompt_eval_count") Integer promptEvalCount,
            @JsonProperty("prompt_eval_duration") Long promptEvalDuration,
            @JsonProperty("eval_count") Integer evalCount,
            @JsonProperty("eval_duration") Long evalDuration,
            JsonNode error) {}

    record ModelDetails(@JsonProperty("parameter_size") String parameterSize, @JsonProperty("quantization_level") String quantization) {}

    record Tag(String name, String model, ModelDetails details) {}

    record Tags(List<Tag> models) {}
}
