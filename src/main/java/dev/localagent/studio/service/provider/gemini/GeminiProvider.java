package dev.localagent.studio.service.provider.gemini;

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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Google Gemini's Generative Language API (base URL with {@code /v1beta}); the key travels in the
 * {@code x-goog-api-key} header, never in the URL, so it cannot end up in a log line.
 */
public final class GeminiProvider extends HttpProvider {

    private static final ObjectReader RESPONSE = WireJson.reader(GeminiWire.GenerateResponse.class);
    private static final ObjectReader MODELS = WireJson.reader(GeminiWire.ModelPage.class);
    private static final Capabilities CAPABILITIES = new Capabilities(true, true, false, false, false, true);
    /** Pages followed at most, so a server that always returns a token cannot loop us forever. */
    private static final int MAX_PAGES = 20;

    private final String apiKey;

    public GeminiProvider(ProviderConfig config, PooledHttpClient http, String apiKey, Clock clock) {
        super(config, http, apiKey, clock);
        this.apiKey = apiKey;
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    protected Map<String, String> headers() {
        return apiKey == null || apiKey.isEmpty() ? Map.of() : Map.of("x-goog-api-key", apiKey);
    }

    @Override
    protected HttpCall chatCall(ChatRequest request, boolean streaming) {
        String model = URLEncoder.encode(GeminiMapping.modelId(request.model()), StandardCharsets.UTF_8);
        String path = "/models/" + model + (streaming ? ":streamGenerateContent?alt=sse" : ":generateContent");
        return post(path, GeminiMapping.request(request));
    }

    @Override
    protected void readReply(JsonNode body, ReplyAccumulator reply) throws IOException {
        GeminiMapping.read(RESPONSE.readValue(body), reply);
    }

    @Override
    protected StreamDecoder decoder(StreamErrors errors, ReplyAccumulator reply) {
        return new GeminiStreamDecoder(errors, reply, SseStreamDecoder.DEFAULT_MAX_FRAME);
    }

    @Override
    protected HttpCall modelsCall() {
        return get("/models?pageSize=1000");
    }

    /** Follows {@code nextPageToken} through the pages. */
    @Override
    public List<ModelInfo> listModels() {
        List<ModelInfo> all = new ArrayList<>();
        String token = null;
        int page = 0;
        do {
            HttpCall call = token == null ? modelsCall()
                    : get("/models?pageSize=1000&pageToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
            JsonNode body = fetchJson(call);
            try {
                all.addAll(readModels(body));
            } catch (IOException | RuntimeException e) {
                throw calls.streamErrors().malformed(body.toString(), e);
            }
            token = body.hasNonNull("nextPageToken") && !body.get("nextPageToken").asText().isEmpty()
                    ? body.get("nextPageToken").asText() : null;
        } while (token != null && ++page < MAX_PAGES);
        return all;
    }

    @Override
    protected List<ModelInfo> readModels(JsonNode body) throws IOException {
        GeminiWire.ModelPage page = MODELS.readValue(body);
        List<ModelInfo> models = new ArrayList<>();
        if (page.models() != null) {
            for (GeminiWire.Model m : page.models()) {
                if (m.name() == null || (m.supportedGenerationMethods() != null && !m.supportedGenerationMethods().contains("generateContent"))) {
                    continue;
                }
                models.add(new ModelInfo(GeminiMapping.modelId(m.name()), m.displayName(), m.inputTokenLimit(), m.outputTokenLimit()));
            }
        }
        return models;
    }
}
