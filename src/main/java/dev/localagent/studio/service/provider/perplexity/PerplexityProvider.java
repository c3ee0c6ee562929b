package dev.localagent.studio.service.provider.perplexity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.service.config.ProviderConfig;
import dev.localagent.studio.service.http.HttpCall;
import dev.localagent.studio.service.http.PooledHttpClient;
import dev.localagent.studio.service.provider.BadRequestException;
import dev.localagent.studio.service.provider.Capabilities;
import dev.localagent.studio.service.provider.Health;
import dev.localagent.studio.service.provider.ModelInfo;
import dev.localagent.studio.service.provider.ModelNotFoundException;
import dev.localagent.studio.service.provider.ProviderException;
import dev.localagent.studio.service.provider.wire.HttpProvider;
import dev.localagent.studio.service.provider.wire.ReplyAccumulator;
import dev.localagent.studio.service.provider.wire.SseStreamDecoder;
import dev.localagent.studio.service.provider.wire.StreamDecoder;
import dev.localagent.studio.service.provider.wire.StreamErrors;
import dev.localagent.studio.service.provider.wire.WireJson;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Perplexity's Sonar chat completions. There is no model-list endpoint, so the catalogue is the
 * published one; replies carry citations and their cost.
 */
public final class PerplexityProvider extends HttpProvider {

    /** Sonar models and their context windows as published (docs.perplexity.ai, 2026). */
    static final List<ModelInfo> CATALOGUE = List.of(
            new ModelInfo("sonar", "Sonar", 128_000, null),
            new ModelInfo("sonar-pro", "Sonar Pro", 200_000, 8_000),
            new ModelInfo("sonar-reasoning-pro", "Sonar Reasoning Pro", 128_000, null),
            new ModelInfo("sonar-deep-research", "Sonar Deep Research", 128_000, null));

    private static final ObjectReader COMPLETION = WireJson.reader(PerplexityWire.Completion.class);
    private static final Capabilities CAPABILITIES = new Capabilities(true, false, false, true, true, false);

    private final String apiKey;

    public PerplexityProvider(ProviderConfig config, PooledHttpClient http, String apiKey, Clock clock) {
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
        return post("/chat/completions", PerplexityMapping.request(request, streaming));
    }

    @Override
    protected void readReply(JsonNode body, ReplyAccumulator reply) throws IOException {
        PerplexityWire.Completion c = COMPLETION.readValue(body);
        if (c.choices() != null && !c.choices().isEmpty()) {
            PerplexityWire.Choice first = c.choices().getFirst();
            if (first.message() != null) {
                reply.text(first.message().content());
            }
            reply.finishReason(PerplexityMapping.finishReason(first.finishReason()));
        }
        PerplexityMapping.metadata(c, reply);
    }

    @Override
    protected StreamDecoder decoder(StreamErrors errors, ReplyAccumulator reply) {
        return new PerplexityStreamDecoder(errors, reply, SseStreamDecoder.DEFAULT_MAX_FRAME);
    }

    @Override
    public List<ModelInfo> listModels() {
        return CATALOGUE;
    }

    @Override
    protected HttpCall modelsCall() {
        return get("/");
    }

    @Override
    protected List<ModelInfo> readModels(JsonNode body) {
        return CATALOGUE;
    }

    /** No cheap endpoint exists: any HTTP answer short of an auth failure or a server error means the service is there. */
    @Override
    public Health health() {
        Health probe = super.health();
        ProviderException error = probe.error();
        if (error instanceof ModelNotFoundException || error instanceof BadRequestException
                || error instanceof dev.localagent.studio.service.provider.MalformedStreamException) {
            return Health.up(probe.latency(), null);
        }
        return probe;
    }
}
