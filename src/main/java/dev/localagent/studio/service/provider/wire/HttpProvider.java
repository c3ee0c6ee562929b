package dev.localagent.studio.service.provider.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localagent.studio.model.ChatRequest;
import dev.localagent.studio.model.ChatResult;
import dev.localagent.studio.model.ProviderKind;
import dev.localagent.studio.service.config.ProviderConfig;
import dev.localagent.studio.service.http.HttpCall;
import dev.localagent.studio.service.http.PooledHttpClient;
import dev.localagent.studio.service.http.RouteSettings;
import dev.localagent.studio.service.provider.CancelSignal;
import dev.localagent.studio.service.provider.Health;
import dev.localagent.studio.service.provider.ModelInfo;
import dev.localagent.studio.service.provider.Provider;
import dev.localagent.studio.service.provider.ProviderException;
import dev.localagent.studio.service.provider.StreamListener;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the four HTTP providers share: the route's limits on the pooled client, the call runner,
 * and chat/stream/list/health written once over each vendor's requests, decoder and DTOs.
 * Subclasses are immutable and thread-safe.
 */
public abstract class HttpProvider implements Provider {

    protected final ProviderConfig config;
    protected final ProviderCalls calls;
    protected final RouteSettings route;
    /** Parsing the same few addresses on every call showed in the benchmark's profile; paths name at most a model. */
    private static final int MAX_CACHED_URIS = 256;
    private final Map<String, URI> uris = new java.util.concurrent.ConcurrentHashMap<>();
    private final String baseUrl;

    protected HttpProvider(ProviderConfig config, PooledHttpClient http, String apiKey, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(config.baseUrl(), () -> config.id() + " has no base URL");
        this.baseUrl = config.baseUrl().endsWith("/") ? config.baseUrl().substring(0, config.baseUrl().length() - 1) : config.baseUrl();
        this.route = RouteSettings.of(config.timeouts(), config.pool());
        http.configureRoute(URI.create(baseUrl), route);
        this.calls = new ProviderCalls(config.id(), http, config.timeouts(), clock, System::nanoTime, apiKey);
    }

    @Override
    public String id() {
        return config.id();
    }

    @Override
    public ProviderKind kind() {
        return config.kind();
    }

    protected URI uri(String path) {
        URI known = uris.get(path);
        if (known != null) {
            return known;
        }
        URI made = URI.create(baseUrl + path);
        if (uris.size() < MAX_CACHED_URIS) {
            uris.put(path, made);
        }
        return made;
    }

    protected HttpCall post(String path, Object body) {
        return HttpCall.postJson(uri(path), headers(), WireJson.write(body), route);
    }

    protected HttpCall get(String path) {
        return HttpCall.get(uri(path), headers(), route);
    }

    /** Authentication and any other headers every call carries. */
    protected abstract Map<String, String> headers();

    /** {@code Authorization: Bearer KEY}, the way OpenAI, Perplexity and hosted Ollama take a key; nothing without one. */
    protected static Map<String, String> bearer(String apiKey) {
        return apiKey == null || apiKey.isEmpty() ? Map.of() : Map.of("Authorization", "Bearer " + apiKey);
    }

    /** The chat request in the vendor's wire form. */
    protected abstract HttpCall chatCall(ChatRequest request, boolean streaming);

    /** Reads a whole non-streamed reply into the accumulator. */
    protected abstract void readReply(JsonNode body, ReplyAccumulator reply) throws IOException;

    /**
     * Reads a whole reply straight from its bytes into the wire records, without the tree that
     * {@link #readReply} is given: the tree costs about as much again as the records, which shows
     * when the benchmark sends thousands of requests a second. Returns false, having changed
     * nothing, when the body is not a plain reply (an error document, another shape, bad JSON);
     * the general path then reads it and says what is wrong, so both paths fail alike.
     */
    protected boolean readReplyDirect(byte[] body, ReplyAccumulator reply) throws IOException {
        return false;
    }

    protected abstract StreamDecoder decoder(StreamErrors errors, ReplyAccumulator reply);

    protected abstract HttpCall modelsCall();

    protected abstract List<ModelInfo> readModels(JsonNode body) throws IOException;

    /** The cheapest call that proves the service answers; its body may name a version. */
    protected HttpCall healthCall() {
        return modelsCall();
    }

    /** The version the health call's body names, or null. */
    protected String readVersion(JsonNode body) {
        return null;
    }

    @Override
    public ChatResult chat(ChatRequest request) {
        TimingRecorder timing = new TimingRecorder(calls.nanoClock());
        ReplyAccumulator reply = new ReplyAccumulator(StreamListener.IGNORE, timing::token);
        byte[] bytes = calls.fetch(chatCall(request, false), new CancelSignal(), timing);
        try {
            if (readReplyDirect(bytes, reply)) {
                return reply.toResult(request.model(), timing.finish());
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProviderException p) {
                throw p;
            }
            throw calls.streamErrors().malformed(new String(bytes, StandardCharsets.UTF_8), e);
        }
        JsonNode body = json(bytes);
        try {
            readReply(body, reply);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProviderException p) {
                throw p;
            }
            throw calls.streamErrors().malformed(body.toString(), e);
        }
        return reply.toResult(request.model(), timing.finish());
    }

    @Override
    public ChatResult stream(ChatRequest request, StreamListener listener, CancelSignal cancel) {
        TimingRecorder timing = new TimingRecorder(calls.nanoClock());
        ReplyAccumulator reply = new ReplyAccumulator(listener, timing::token);
        return calls.stream(chatCall(request, true), request.model(), cancel, timing, reply, decoder(calls.streamErrors(), reply));
    }

    /** Sends a call and returns its JSON body after the status, content and error checks. */
    protected JsonNode fetchJson(HttpCall call) {
        return json(calls.fetch(call, new CancelSignal(), new TimingRecorder(calls.nanoClock())));
    }

    @Override
    public List<ModelInfo> listModels() {
        JsonNode body = fetchJson(modelsCall());
        try {
            return readModels(body);
        } catch (IOException | RuntimeException e) {
            throw calls.streamErrors().malformed(body.toString(), e);
        }
    }

    @Override
    public void onRateLimitStatus(java.util.function.Consumer<dev.localagent.studio.service.provider.RateLimitInfo> listener) {
        calls.addRateLimitListener(listener);
    }

    @Override
    public Health health() {
        long start = System.nanoTime();
        try {
            JsonNode body = json(calls.fetch(healthCall(), new CancelSignal(), new TimingRecorder(calls.nanoClock())));
            return Health.up(Duration.ofNanos(System.nanoTime() - start), readVersion(body));
        } catch (ProviderException e) {
            return Health.down(Duration.ofNanos(System.nanoTime() - start), e);
        }
    }

    /** Parses a 2xx body, which may still be an error document (a 200 carrying {@code error}). */
    private JsonNode json(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode node;
        try {
            node = WireJson.tree(text);
        } catch (IOException e) {
            throw calls.streamErrors().malformed(text, e);
        }
        if (node == null || node.isMissingNode()) {
            throw calls.streamErrors().malformed(text, null);
        }
        ErrorFields error = node.isObject() || node.isArray() ? ErrorFields.from(node) : null;
        if (error != null) {
            throw calls.streamErrors().inBody(error);
        }
        return node;
    }
}
