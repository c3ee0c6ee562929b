package dev.localagent.studio.service.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.service.config.ProviderConfig;
import dev.localagent.studio.service.http.HttpCall;
import dev.localagent.studio.service.http.PooledHttpClient;
import dev.localagent.studio.service.provider.Capabilities;
import dev.localagent.studio.service.provider.ModelInfo;
import dev.localagent.studio.service.provider.wire.HttpProvider;
import dev.localagent.studio.service.provider.wire.ReplyAccumulator;
import dev.localagent.studio.service.provider.wire.SseStreamDecoder;
import dev.localagent.studio.service.provider.wire.StreamDecoder;
import dev.localagent.studio.service.provider.wire.StreamErrors;
import dev.localagent.studio.service.provider.wire.WireJson;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * OpenAI Chat Completions, and any server that speaks it (LM Studio, vLLM, llama.cpp server,
 * Ollama's {@code /v1}): the base URL includes {@code /v1}, as in OpenAI's own client.
 */
public final class OpenAiProvider extends HttpProvider {

    static final ObjectReader COMPLETION = WireJson.reader(OpenAiWire.Completion.class);
    private static final ObjectReader MODELS = WireJson.reader(OpenAiWire.ModelList.class);
    private static final Capabilities CAPABILITIES = new Capabilities(true, true, false, false, false, true);

    private final String apiKey;
    private final boolean officialApi;

    public OpenAiProvider(ProviderConfig config, PooledHttpClient http, String apiKey, Clock clock) {
        super(config, http, apiKey, clock);
        this.apiKey = apiKey;
        // The simulator imitates OpenAI itself, reasoning models' refusal of max_tokens included.
        this.officialApi = config.simulator() || isOfficial(URI.create(config.baseUrl()));
    }

    static boolean isOfficial(URI base) {
        String host = base.getHost() == null ? "" : base.getHost().toLowerCase(Locale.ROOT);
        return host.equals("api.openai.com") || host.endsWith(".openai.azure.com");
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    protected Map<String, String> headers() {
        return bearer(apiKey);
    }

    @Override
    protected HttpCall chatCall(ChatRequest request, boolean streaming) {
        return post("/chat/completions", OpenAiMapping.request(request, streaming, officialApi));
    }

    @Override
    protected void readReply(JsonNode body, ReplyAccumulator reply) throws IOException {
        read(COMPLETION.readValue(body), reply);
    }

    @Override
    protected boolean readReplyDirect(byte[] body, ReplyAccumulator reply) {
        OpenAiWire.Completion completion = plainReply(body);
        if (completion == null) {
            return false;
        }
        read(completion, reply);
        return true;
    }

    /**
     * The body read as a completion when it is a plain one, else null: bad JSON, an error document,
     * vLLM's flat {@code {"object": "error"}}, any other shape, or anything {@link PlainReplyReader}
     * leaves to the general path.
     */
    static OpenAiWire.Completion plainReply(byte[] body) {
        return PlainReplyReader.read(body);
    }

    static void read(OpenAiWire.Completion completion, ReplyAccumulator reply) {
        reply.model(completion.model());
        if (completion.choices() != null && !completion.choices().isEmpty()) {
            OpenAiWire.Choice first = completion.choices().getFirst();
            if (first.message() != null) {
                reply.text(first.message().content());
            }
            reply.finishReason(OpenAiMapping.finishReason(first.finishReason()));
        }
        reply.usage(OpenAiMapping.usage(completion.usage()));
    }

    @Override
    protected StreamDecoder decoder(StreamErrors errors, ReplyAccumulator reply) {
        return new OpenAiStreamDecoder(errors, reply, SseStreamDecoder.DEFAULT_MAX_FRAME);
    }

    @Override
    protected HttpCall modelsCall() {
        return get("/models");
    }

    @Override
    protected List<ModelInfo> readModels(JsonNode body) throws IOException {
        OpenAiWire.ModelList list = MODELS.readValue(body);
        List<ModelInfo> models = new ArrayList<>();
        if (list.data() != null) {
            for (OpenAiWire.ModelEntry e : list.data()) {
                models.add(new ModelInfo(e.id(), e.id(), e.maxModelLen(), null));
            }
        }
        return models;
    }
}
