package dev.localagent.studio.service.provider.ollama;

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
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Ollama's native API ({@code /api/chat}, {@code /api/tags}, {@code /api/version}) on the bare host URL. */
public final class OllamaProvider extends HttpProvider {

    private static final ObjectReader CHUNK = WireJson.reader(OllamaWire.ChatChunk.class);
    private static final ObjectReader TAGS = WireJson.reader(OllamaWire.Tags.class);
    private static final Capabilities CAPABILITIES = new Capabilities(true, true, true, false, false, true);

    private final String apiKey;

    /** @param apiKey only for ollama.com's hosted API; null locally */
    public OllamaProvider(ProviderConfig config, PooledHttpClient http, String apiKey, Clock clock) {
        super(config, http, apiKey, clock);
        this.apiKey = apiKey;
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
        return post("/api/chat", OllamaMapping.request(request, streaming));
    }

    @Override
    protected void readReply(JsonNode body, ReplyAccumulator reply) throws IOException {
        OllamaMapping.read(CHUNK.readValue(body), reply);
    }

    @Override
    protected StreamDecoder decoder(StreamErrors errors, ReplyAccumulator reply) {
        return new OllamaStreamDecoder(errors, reply, SseStreamDecoder.DEFAULT_MAX_FRAME);
    }

    @Override
    protected HttpCall modelsCall() {
        return get("/api/tags");
    }

    @Override
    protected List<ModelInfo> readModels(JsonNode body) throws IOException {
        OllamaWire.Tags tags = TAGS.readValue(body);
        List<ModelInfo> models = new ArrayList<>();
        if (tags.models() != null) {
            for (OllamaWire.Tag t : tags.models()) {
                String id = t.name() != null ? t.name() : t.model();
                if (id != null) {
                    models.add(new ModelInfo(id, id, null, null));
                }
            }
        }
        return models;
    }

    @Override
    protected HttpCall healthCall() {
        return get("/api/version");
    }

    @Override
    protected String readVersion(JsonNode body) {
        return body.hasNonNull("version") ? body.get("version").asText() : null;
    }
}
